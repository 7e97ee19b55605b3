/*
 * SVG charts drawn on the server, so pages show them without JavaScript and
 * they print.  The writer is generic (years and percentages in, markup out)
 * and knows nothing of the model.  Output escapes every piece of text by
 * construction and carries no script and no style attributes: colours and
 * line styles are presentation attributes and CSS classes, which the site's
 * Content-Security-Policy (no 'unsafe-inline') allows.
 */
#ifndef SXSH_RENDER_SVG_H
#define SXSH_RENDER_SVG_H

#include "util/buf.h"
#include "util/fmt.h"

struct svg_chart {
	const char *title;	    /* escaped by the writer */
	int n;			    /* number of bars (years) */
	const int *labels;	    /* x labels, e.g. years */
	const double *values;	    /* percent 0..100, NAN = no data (drawn as a gap with "—") */
	const double *coverage;	    /* percent 0..100 or NULL; drawn small under each bar */
	double target;		    /* percent, NAN = none; drawn as a dashed line with its label */
	int target_from, target_by; /* the years the target line spans (0 = whole chart) */
	enum lang lang;		    /* number format of labels (util/fmt.h) */
	const char *id;		    /* prefix of the ids of <title> and <desc>, unique in the page
				       (letters, digits, '-', '_'); NULL: none, aria-label instead */
};

/*
 * Appends an accessible <svg> (role="img", <title>, viewBox, no scripts, no
 * inline style attributes — use presentation attributes and CSS classes only,
 * because the site's CSP has no 'unsafe-inline') to out.
 *
 * The chart scales to its container (viewBox, no fixed size).  Bars are
 * labelled with their value ("45,2 %" in Vietnamese); a <desc> repeats every
 * value and coverage as text.  CSS classes: sxsh-chart, title, grid, bar,
 * value, gap, year, coverage, target, legend.  Values outside 0..100 are
 * drawn clipped to the axis but labelled as given.  If out reaches its
 * maximum, out->overflow is set (struct buf) and the chart is incomplete.
 */
void svg_bar_chart(struct buf *out, const struct svg_chart *c);

#endif
