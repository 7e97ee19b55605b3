/*
 * The process flow chart of a CP assessment (task 4 of the method, "Sơ đồ
 * công nghệ"), drawn as SVG on the server from model/assess/process.h so
 * that the process page and the printable report show the same drawing
 * without JavaScript.
 *
 * The steps are boxes from top to bottom, numbered in order; an arrow
 * joins consecutive steps, labelled with the flows the first feeds into
 * the second; inputs enter each box from the left and outputs leave it to
 * the right.  Waste and emission outputs are drawn dashed and their labels
 * say "Chất thải"/"Khí thải" in words, so they are told apart without
 * colour.  A flow into a later, not the next, step is an output of its
 * step ("→ công đoạn 3") and an input of the other ("← công đoạn 1").
 * The viewBox is 320 units wide (text 11 units, names wrapped) for a
 * column of 300 to 500 px; the height grows with the process.
 */
#ifndef SXSH_RENDER_ASSESS_SVG_H
#define SXSH_RENDER_ASSESS_SVG_H

#include "model/assess/process.h"
#include "util/buf.h"
#include "util/fmt.h"

struct choices;

struct assess_svg_opts {
	enum lang lang;
	const char *id;		     /* prefix of the ids of <title> and <desc>, unique in the page
					(letters, digits, '-', '_'); NULL: "process" */
	const struct choices *names; /* unit names (model/reporting/choices.h); NULL: symbols */
};

/*
 * Appends the accessible <svg> (role="img", <title> and a <desc> listing
 * every step with its inputs and outputs in words) of process p to out.
 * Every text is escaped; no scripts, no style attributes (presentation
 * attributes and the CSS classes process-diagram, step, flow, in, out,
 * waste, energy, feed).  On overflow out->overflow is set.
 */
void assess_svg_process(struct buf *out, const struct process *p, const struct assess_svg_opts *o);

/*
 * How a unit is shown beside a quantity: its symbol where it has one
 * ("t", "kg", "m³", "kWh", "GJ"), else its name in the language from
 * names (a count: "cái"), else the code.  Static or owned by names.
 */
const char *assess_unit_label(const struct choices *names, const char *code, enum lang lang);

#endif
