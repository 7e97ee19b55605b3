/*
 * The process flow chart (see assess_svg.h).  Layout in viewBox units:
 *
 *   0 ........ 94 | 96 -> 114 | box 114..206 | 206 -> 224 | 226 ........ 320
 *   input labels  |  arrows   |   the step   |   arrows   | output labels
 *
 * Each step is a block as tall as its box or its stacked labels, whichever
 * is taller; the box sits in the middle of its block, and the gap below
 * holds the arrow to the next box with the labels of the flows it carries.
 */
#include "render/assess_svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/reporting/choices.h"
#include "render/svg.h"
#include "util/alloc.h"

#define W	    320
#define IN_END	    94 /* input labels end here (text-anchor end) */
#define BOX_L	    114
#define BOX_R	    206
#define OUT_X	    226
#define MID	    160
#define FONT	    11 /* 11.5 px or more in a column of 336 px or wider */
#define LINE_H	    13
#define LABEL_CHARS 14 /* characters of a label line */
#define BOX_CHARS   12 /* characters of a line in a box */
#define LABEL_LINES 2  /* lines of a name beside a box */
#define BOX_LINES   3  /* lines of a step's name */
#define ITEM_GAP    6
#define GAP_MIN	    30 /* between two blocks */
#define TOP	    8
#define WRAP_MAX    4
#define WRAP_BYTES  160

static const struct unit_symbol {
	const char *code, *symbol;
} unit_symbols[] = {
    {"kWh", "kWh"},	   {"MWh", "MWh"}, {"GWh", "GWh"},
    {"MJ", "MJ"},	   {"GJ", "GJ"},   {"MMBtu", "MMBtu"},
    {"kg", "kg"},	   {"t", "t"},	   {"L", "L"},
    {"hl", "hl"},	   {"kL", "kL"},   {"m3", "m³"},
    {"1000m3", "1000 m³"},
};

const char *
assess_unit_label(const struct choices *names, const char *code, enum lang lang)
{
	for (size_t i = 0; i < sizeof(unit_symbols) / sizeof(unit_symbols[0]); i++)
		if (strcmp(unit_symbols[i].code, code) == 0)
			return unit_symbols[i].symbol;
	const struct choice *c =
	    names != NULL ? choice_find(names->unit, names->nunit, code) : NULL;
	if (c != NULL)
		return lang == LANG_EN ? c->name_en : c->name_vi;
	return code;
}

/* Number of UTF-8 characters in s[0..n). */
static int
chars(const char *s, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Byte length of the first k characters of s. */
static size_t
bytes_of(const char *s, int k)
{
	size_t i = 0;
	while (s[i] != '\0') {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (k == 0)
				break;
			k--;
		}
		i++;
	}
	return i;
}

/*
 * Wraps s at spaces into at most max lines of about width characters
 * (a longer word is cut); the last line ends with "…" when text is left.
 * Returns the number of lines.
 */
static int
wrap(const char *s, int width, int max, char lines[][WRAP_BYTES])
{
	int n = 0;
	while (*s == ' ')
		s++;
	while (*s != '\0' && n < max) {
		size_t len = strlen(s);
		size_t take;
		if (chars(s, len) <= width) {
			take = len;
		} else {
			size_t cut = bytes_of(s, width);
			take = cut;
			for (size_t i = cut; i > 0; i--)
				if (s[i] == ' ') {
					take = i;
					break;
				}
		}
		if (take >= WRAP_BYTES - 4)
			take = bytes_of(s, width);
		memcpy(lines[n], s, take);
		lines[n][take] = '\0';
		s += take;
		while (*s == ' ')
			s++;
		n++;
		if (*s != '\0' && n == max) {
			size_t l = strlen(lines[n - 1]);
			if (chars(lines[n - 1], l) >= width)
				l = bytes_of(lines[n - 1], width - 1);
			memcpy(lines[n - 1] + l, "…", sizeof("…"));
		}
	}
	return n;
}

/* The words of the drawing in one language. */
static const struct words {
	const char *title, *empty, *waste, *emission, *to_step, *from_step, *step, *in, *out;
} words_vi = {"Sơ đồ công nghệ",
	      "Chưa có công đoạn nào.",
	      "Chất thải",
	      "Khí thải",
	      "→ công đoạn",
	      "← từ công đoạn",
	      "Công đoạn",
	      "vào",
	      "ra"},
  words_en = {"Process flow chart",
	      "No process step yet.",
	      "Waste",
	      "Emission",
	      "→ step",
	      "← from step",
	      "Step",
	      "in",
	      "out"};

static const struct words *
words_of(enum lang lang)
{
	return lang == LANG_EN ? &words_en : &words_vi;
}

/* The position (1-based) of the step with id in p, or 0. */
static int
pos_of(const struct process *p, int64_t step_id)
{
	for (int i = 0; i < p->nsteps; i++)
		if (p->steps[i].id == step_id)
			return i + 1;
	return 0;
}

/* One label beside a box (or on an arrow): its name lines and the line under them. */
struct label {
	int nname;
	char name[LABEL_LINES][WRAP_BYTES];
	char sub[WRAP_BYTES];	  /* the quantity, after the kind of waste if any */
	int nsub;		  /* lines sub is drawn on (1, or 2 when too long) */
	char subl[2][WRAP_BYTES]; /* those lines */
	int waste, energy, feed;
	double y; /* top */
};

static double
label_h(const struct label *l)
{
	return (l->nname + l->nsub) * LINE_H + ITEM_GAP;
}

/* The label of line l of step index si; kind: 0 own input or output, 1 fed into this step. */
static void
label_of(const struct process *p, const struct process_line *l, int fed,
	 const struct assess_svg_opts *o, struct label *out)
{
	const struct words *w = words_of(o->lang);
	char name[WRAP_BYTES * 2], q[64];
	memset(out, 0, sizeof(*out));
	out->waste = l->dir == BAL_OUT && process_stream_is_waste(l->stream);
	out->energy = l->stream == 1;
	int target = l->to_step_id != 0 ? pos_of(p, l->to_step_id) : 0;
	int from = fed ? pos_of(p, l->step_id) : 0;
	if (fed)
		snprintf(name, sizeof(name), "%s %d: %s", w->from_step, from, l->name);
	else if (target > 0)
		snprintf(name, sizeof(name), "%s %d: %s", w->to_step, target, l->name);
	else
		snprintf(name, sizeof(name), "%s", l->name);
	out->feed = fed || target > 0;
	out->nname = wrap(name, LABEL_CHARS, LABEL_LINES, out->name);
	/* beside a box the whole units suffice from 100 on ("1.297.479 kWh" fits the column) */
	if (fabs(l->qty) >= 100)
		fmt_num(q, sizeof(q), l->qty, 0, o->lang);
	else
		fmt_qty(q, sizeof(q), l->qty, FMT_QTY, o->lang);
	const char *u = assess_unit_label(o->names, l->unit, o->lang);
	const char *kind = l->stream == 4 ? w->waste : w->emission;
	if (out->waste)
		snprintf(out->sub, sizeof(out->sub), "%s: %s %s", kind, q, u);
	else
		snprintf(out->sub, sizeof(out->sub), "%s %s", q, u);
	out->nsub = 1;
	snprintf(out->subl[0], sizeof(out->subl[0]), "%s", out->sub);
	if (out->waste && chars(out->sub, strlen(out->sub)) > LABEL_CHARS) {
		out->nsub = 2;
		snprintf(out->subl[0], sizeof(out->subl[0]), "%s:", kind);
		snprintf(out->subl[1], sizeof(out->subl[1]), "%s %s", q, u);
	}
}

/* The layout of one step. */
struct block {
	double y, h;	     /* the block */
	double box_y, box_h; /* the box */
	int nbox;
	char box[BOX_LINES][WRAP_BYTES];
	int nin, nout, nnext; /* labels: inputs, outputs, flows on the arrow to the next */
	struct label *in, *out, *next;
	double gap; /* below the block */
};

static void
put_text(struct buf *b, double x, double y, const char *anchor, const char *cls, const char *s)
{
	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\"", x, y, FONT,
		   anchor);
	if (cls != NULL)
		buf_printf(b, " class=\"%s\"", cls);
	buf_puts(b, ">");
	svg_escape(b, s);
	buf_puts(b, "</text>");
}

/* A right-pointing arrow from (x1, y1) to (x2, y2); dashed for waste. */
static void
put_arrow_h(struct buf *b, double x1, double y1, double x2, double y2, int dashed, const char *cls)
{
	buf_printf(b,
		   "<g class=\"flow %s\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		   "stroke=\"#333\" stroke-width=\"1.2\"%s/>",
		   cls, x1, y1, x2 - 4, y2, dashed ? " stroke-dasharray=\"4 2\"" : "");
	buf_printf(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#333\"/></g>", x2,
		   y2, x2 - 5, y2 - 3, x2 - 5, y2 + 3);
}

/* Draws a stack of labels on one side; x_text, anchor; arrows to/from the box. */
static void
put_labels(struct buf *b, const struct label *l, int n, const struct block *k, int left)
{
	for (int i = 0; i < n; i++) {
		const struct label *x = &l[i];
		double ty = x->y + FONT;
		double ay = ty - 3.5;
		double by = ay < k->box_y + 6		   ? k->box_y + 6
			    : ay > k->box_y + k->box_h - 6 ? k->box_y + k->box_h - 6
							   : ay;
		const char *cls = x->waste    ? (left ? "in waste" : "out waste")
				  : x->energy ? (left ? "in energy" : "out energy")
					      : (left ? "in" : "out");
		if (x->feed)
			cls = left ? "in feed" : "out feed";
		buf_printf(b, "<g class=\"%s\">", cls);
		for (int j = 0; j < x->nname; j++)
			put_text(b, left ? IN_END : OUT_X, ty + j * LINE_H, left ? "end" : "start",
				 NULL, x->name[j]);
		for (int j = 0; j < x->nsub; j++)
			put_text(b, left ? IN_END : OUT_X, ty + (x->nname + j) * LINE_H,
				 left ? "end" : "start", x->waste ? "waste" : "qty", x->subl[j]);
		buf_puts(b, "</g>");
		if (left)
			put_arrow_h(b, IN_END + 2, ay, BOX_L, by, 0, x->energy ? "energy" : "in");
		else
			put_arrow_h(b, BOX_R, by, OUT_X - 2, ay, x->waste,
				    x->waste ? "waste" : "out");
	}
}

static void
put_desc(struct buf *b, const struct process *p, const struct block *k,
	 const struct assess_svg_opts *o)
{
	const struct words *w = words_of(o->lang);
	if (p->nsteps == 0) {
		svg_escape(b, w->empty);
		return;
	}
	for (int i = 0; i < p->nsteps; i++) {
		char t[128];
		snprintf(t, sizeof(t), "%s%s %d: ", i ? " " : "", w->step, i + 1);
		svg_escape(b, t);
		svg_escape(b, p->steps[i].name);
		for (int side = 0; side < 2; side++) {
			int n = side ? k[i].nout : k[i].nin;
			const struct label *l = side ? k[i].out : k[i].in;
			if (n == 0)
				continue;
			svg_escape(b, side ? "; " : ". ");
			svg_escape(b, side ? w->out : w->in);
			svg_escape(b, ": ");
			for (int j = 0; j < n; j++) {
				if (j)
					svg_escape(b, ", ");
				for (int m = 0; m < l[j].nname; m++) {
					if (m)
						svg_escape(b, " ");
					svg_escape(b, l[j].name[m]);
				}
				svg_escape(b, " (");
				svg_escape(b, l[j].sub);
				svg_escape(b, ")");
			}
		}
		if (k[i].nnext > 0) {
			svg_escape(b, "; ");
			for (int j = 0; j < k[i].nnext; j++) {
				char s[WRAP_BYTES * 3];
				snprintf(s, sizeof(s), "%s%s %d: %s (%s)", j ? ", " : "",
					 w->to_step, i + 2, k[i].next[j].name[0], k[i].next[j].sub);
				svg_escape(b, s);
			}
		}
		svg_escape(b, ".");
	}
}

void
assess_svg_process(struct buf *out, const struct process *p, const struct assess_svg_opts *o)
{
	const struct words *w = words_of(o->lang);
	const char *id = o->id != NULL ? o->id : "process";
	int n = p->nsteps < PROCESS_STEPS_MAX ? p->nsteps : PROCESS_STEPS_MAX;
	static const struct block zero;
	struct block *blocks = xcalloc((size_t)n + 1, sizeof(*blocks));
	int total = 0;
	for (int i = 0; i < n; i++)
		total += p->steps[i].nlines + p->steps[i].nfeeds;
	struct label *pool = xcalloc((size_t)total + 1, sizeof(*pool));
	int used = 0;
	double y = TOP;
	for (int i = 0; i < n; i++) {
		const struct process_step *s = &p->steps[i];
		struct block *k = &blocks[i];
		*k = zero;
		char nm[WRAP_BYTES * 2];
		snprintf(nm, sizeof(nm), "%d. %s", i + 1, s->name);
		k->nbox = wrap(nm, BOX_CHARS, BOX_LINES, k->box);
		k->box_h = k->nbox * LINE_H + 16;
		k->in = pool + used;
		for (int j = 0; j < s->nlines; j++)
			if (s->lines[j].dir == BAL_IN)
				label_of(p, &s->lines[j], 0, o, &k->in[k->nin++]);
		for (int j = 0; j < s->nfeeds; j++)
			if (pos_of(p, s->feeds[j]->step_id) !=
			    i) /* the previous step's: on the arrow */
				label_of(p, s->feeds[j], 1, o, &k->in[k->nin++]);
		used += k->nin;
		k->out = pool + used;
		for (int j = 0; j < s->nlines; j++)
			if (s->lines[j].dir == BAL_OUT &&
			    (s->lines[j].to_step_id == 0 ||
			     pos_of(p, s->lines[j].to_step_id) != i + 2))
				label_of(p, &s->lines[j], 0, o, &k->out[k->nout++]);
		used += k->nout;
		k->next = pool + used;
		for (int j = 0; j < s->nlines; j++)
			if (s->lines[j].dir == BAL_OUT && s->lines[j].to_step_id != 0 &&
			    pos_of(p, s->lines[j].to_step_id) == i + 2) {
				struct label *l = &k->next[k->nnext++];
				label_of(p, &s->lines[j], 0, o, l);
				/* on the arrow the target goes without saying */
				l->nname =
				    wrap(s->lines[j].name, LABEL_CHARS, LABEL_LINES, l->name);
			}
		used += k->nnext;
		double in_h = 0, out_h = 0, next_h = 0;
		for (int j = 0; j < k->nin; j++)
			in_h += label_h(&k->in[j]);
		for (int j = 0; j < k->nout; j++)
			out_h += label_h(&k->out[j]);
		for (int j = 0; j < k->nnext; j++)
			next_h += label_h(&k->next[j]);
		k->h = k->box_h;
		if (in_h > k->h)
			k->h = in_h;
		if (out_h > k->h)
			k->h = out_h;
		k->y = y;
		k->box_y = y + (k->h - k->box_h) / 2;
		double ly = y + (k->h - in_h) / 2;
		for (int j = 0; j < k->nin; j++) {
			k->in[j].y = ly;
			ly += label_h(&k->in[j]);
		}
		ly = y + (k->h - out_h) / 2;
		for (int j = 0; j < k->nout; j++) {
			k->out[j].y = ly;
			ly += label_h(&k->out[j]);
		}
		k->gap = i + 1 < n ? (next_h + 12 > GAP_MIN ? next_h + 12 : GAP_MIN) : 0;
		ly = y + k->h + 6;
		for (int j = 0; j < k->nnext; j++) {
			k->next[j].y = ly;
			ly += label_h(&k->next[j]);
		}
		y += k->h + k->gap;
	}
	int height = n == 0 ? 40 : (int)ceil(y + TOP);
	buf_printf(out,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sxsh-chart process-diagram\" "
		   "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"",
		   W, height);
	svg_escape(out, id);
	buf_puts(out, "-title ");
	svg_escape(out, id);
	buf_puts(out, "-desc\"><title id=\"");
	svg_escape(out, id);
	buf_puts(out, "-title\">");
	svg_escape(out, w->title);
	buf_puts(out, "</title><desc id=\"");
	svg_escape(out, id);
	buf_puts(out, "-desc\">");
	put_desc(out, p, blocks, o);
	buf_puts(out, "</desc>");
	if (n == 0)
		put_text(out, W / 2.0, 24, "middle", NULL, w->empty);
	for (int i = 0; i < n; i++) {
		const struct block *k = &blocks[i];
		buf_printf(
		    out,
		    "<g class=\"step\"><rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
		    "rx=\"4\" fill=\"#fff\" stroke=\"#1f3b57\" stroke-width=\"1.5\"/>",
		    BOX_L, k->box_y, BOX_R - BOX_L, k->box_h);
		double ty = k->box_y + 8 + FONT;
		for (int j = 0; j < k->nbox; j++)
			put_text(out, MID, ty + j * LINE_H, "middle", "name", k->box[j]);
		buf_puts(out, "</g>");
		put_labels(out, k->in, k->nin, k, 1);
		put_labels(out, k->out, k->nout, k, 0);
		if (i + 1 < n) {
			double y1 = k->box_y + k->box_h, y2 = blocks[i + 1].box_y;
			buf_printf(
			    out,
			    "<g class=\"flow next\"><line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
			    "y2=\"%.1f\" stroke=\"#333\" stroke-width=\"1.5\"/>"
			    "<polygon points=\"%d,%.1f %d,%.1f %d,%.1f\" fill=\"#333\"/></g>",
			    MID, y1, MID, y2 - 5, MID, y2, MID - 4, y2 - 6, MID + 4, y2 - 6);
			for (int j = 0; j < k->nnext; j++) {
				const struct label *l = &k->next[j];
				buf_puts(out, "<g class=\"feed\">");
				for (int m = 0; m < l->nname; m++)
					put_text(out, MID + 6, l->y + FONT + m * LINE_H, "start",
						 NULL, l->name[m]);
				put_text(out, MID + 6, l->y + FONT + l->nname * LINE_H, "start",
					 "qty", l->sub);
				buf_puts(out, "</g>");
			}
		}
	}
	buf_puts(out, "</svg>");
	free(pool);
	free(blocks);
}
