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
	int no_title;		    /* 1: the title only names the chart (the page shows it) */
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
 * The chart scales to its container (viewBox, no fixed size); the viewBox
 * is 320 units wide and text 13 units high, so that shown between 300 and
 * 500 px wide (the pages' CSS keeps it there) text reads at 11 px or more.
 * One row per label (year): a horizontal bar labelled with its value
 * ("45,2 %" in Vietnamese) and the coverage in a column on the right; the
 * target is a dashed vertical line over its years, its key in a header row
 * above the bars, where it cannot meet a bar's label.  The visible title
 * is wrapped on lines of 36 characters.  A <desc> repeats every value and
 * coverage as text.  CSS classes: sxsh-chart, title, grid, bar,
 * value, gap, year, coverage, target, legend.  Values outside 0..100 are
 * drawn clipped to the axis but labelled as given.  If out reaches its
 * maximum, out->overflow is set (struct buf) and the chart is incomplete.
 */
void svg_bar_chart(struct buf *out, const struct svg_chart *c);

/* A distribution of values (svg_distribution): a histogram with a reference line. */
struct svg_dist {
	const char *title;     /* escaped by the writer */
	int n;		       /* number of values */
	const double *values;  /* any order; non-finite values are left out */
	int nbins;	       /* histogram bins; 0 = 10 */
	double ref;	       /* a reference value drawn as a vertical line (a norm); NAN none */
	const char *ref_label; /* its label ("Định mức"); escaped */
	double q1, median, q3; /* drawn as a box under the axis; NAN = not drawn */
	const char *unit;      /* of the values, under the axis ("kWh/t"); escaped; may be NULL */
	enum lang lang;	       /* number format */
	const char *id;	       /* as in struct svg_chart */
};

/*
 * Appends an accessible <svg> histogram of d->values to out: the count of
 * values in each of nbins equal bins between the smallest and the largest
 * value (widened to include ref), the reference as a dashed vertical line
 * with its label and value, and the quartiles as a box with the median
 * under the axis.  Only counts per bin are drawn, never a single value's
 * position, so it is safe for aggregated public pages.  A <desc> states the
 * number of values, the range, the quartiles and the reference.  Same CSS
 * classes and rules (no scripts, no style attributes) as svg_bar_chart,
 * plus quartile and median.  Without values it draws "no data".
 */
void svg_distribution(struct buf *out, const struct svg_dist *d);

/*
 * Appends s escaped for SVG text and attribute values, as the charts above
 * escape theirs (the five XML specials as entities, control characters as
 * spaces, malformed UTF-8 as U+FFFD): for other drawings of render/.
 */
void svg_escape(struct buf *out, const char *s);

#endif
