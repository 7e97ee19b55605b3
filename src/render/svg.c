/*
 * SVG bar charts (see svg.h).  Every piece of text, in elements and in
 * attributes, goes through svg_text(), which escapes the five XML special
 * characters and replaces what XML cannot carry (control characters,
 * malformed UTF-8), so the output is well-formed whatever the caller passes.
 * Coordinates are computed in a viewBox of fixed width and printed with one
 * decimal.
 */
#include "render/svg.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * Geometry of the viewBox.  Charts are drawn for the width they are shown
 * at: the viewBox is about as wide as a phone's column (a 360 px screen
 * leaves some 300 px), so one unit is about one pixel there and on a
 * desktop's dashboard column, and text drawn at FONT units reads at 11 px
 * or more on both.  Pages cap the rendered width (static/sxsh.css), so text
 * does not grow without bound on a wide page either.
 *
 * The bar chart is horizontal, one row per year, so that any number of
 * years fits the width and no label meets another: the year on the left,
 * the bar, its value after it, the coverage in a column on the right, and
 * the header row above the rows for the target's key and the coverage's
 * column heading.
 */
enum {
	SVG_W = 320,
	FONT = 13, /* every label, in viewBox units */
	TITLE_FONT = 14,
	TITLE_LINE = 18,  /* line height of a chart's visible title */
	TITLE_CHARS = 36, /* characters per line of the visible title */
	YEAR_X = 4,	  /* left edge of the year labels */
	PLOT_L = 44,	  /* x of 0 % */
	PLOT_R = 200,	  /* x of 100 % */
	COV_X = 316,	  /* right edge of the coverage column */
	HEAD_H = 24,	  /* the header row: target key, coverage heading */
	ROW_H = 20,	  /* one year */
	BAR_H = 12,
	TICKS_H = 22, /* under the rows: the axis's tick labels */
	/* the distribution (svg_distribution) */
	DIST_L = 8,
	DIST_R = 312,
};

/* Colours as presentation attributes (a stylesheet may override them by class). */
#define COL_BAR	   "#2f6f9f"
#define COL_TARGET "#b03a2e"
#define COL_GRID   "#d9d9d9"
#define COL_AXIS   "#444444"
#define COL_TEXT   "#222222"
#define COL_MUTED  "#5f5f5f"

/* The words a chart prints, by language. */
static const struct svg_words {
	const char *target;	/* before the target's value */
	const char *coverage;	/* in a bar's tooltip and the description */
	const char *no_data;	/* a year without a value */
	const char *empty;	/* a chart without years */
	const char *cov_legend; /* the heading of the coverage column */
} svg_words[] = {
    [LANG_VI] = {"Mục tiêu", "độ phủ", "không có số liệu", "Chưa có số liệu", "Độ phủ"},
    [LANG_EN] = {"Target", "coverage", "no data", "No data yet", "Coverage"},
};

static const struct svg_words *
words(enum lang lang)
{
	return &svg_words[lang == LANG_EN ? LANG_EN : LANG_VI];
}

/* Length of the well-formed UTF-8 sequence at s, or 0 if malformed. */
static size_t
utf8_seq(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len;
	uint32_t min;
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2;
		min = 0x80;
		*cp = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3;
		min = 0x800;
		*cp = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4;
		min = 0x10000;
		*cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) /* also stops at the terminating NUL */
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
		return 0;
	return len;
}

/*
 * Appends s escaped for XML text and attribute values: & < > " ' as
 * entities; control characters other than tab and newline as a space;
 * malformed UTF-8 and the non-characters U+FFFE/U+FFFF as U+FFFD.
 */
static void
svg_text(struct buf *out, const char *s)
{
	static const char replacement[] = "\xEF\xBF\xBD";
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		uint32_t cp;
		size_t len = utf8_seq(p, &cp);
		if (len == 0) {
			buf_puts(out, replacement);
			p++;
			continue;
		}
		switch (cp) {
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '"':
			buf_puts(out, "&quot;");
			break;
		case '\'':
			buf_puts(out, "&#39;");
			break;
		case '\t':
		case '\n':
			buf_putc(out, (char)cp);
			break;
		case 0xFFFE:
		case 0xFFFF:
			buf_puts(out, replacement);
			break;
		default:
			if (cp < 0x20 || cp == 0x7F)
				buf_putc(out, ' ');
			else
				buf_append(out, p, len);
		}
		p += len;
	}
}

/*
 * A percentage shown as util/fmt.h shows quantity q: "45,2 %" (vi) or
 * "45.2%" (en) for a share or coverage (FMT_PCT), "50 %" for a target or an
 * axis tick (FMT_TARGET, whole unless it has a decimal).
 */
static const char *
pct(char *b, size_t n, double v, enum fmt_qty q, enum lang lang)
{
	return fmt_qty(b, n, v, q, lang);
}

/* The x coordinate of a percentage, clipped to the plot. */
static double
x_of(double v)
{
	if (v < 0)
		v = 0;
	if (v > 100)
		v = 100;
	return PLOT_L + v / 100.0 * (PLOT_R - PLOT_L);
}

/* The top of row i (year i). */
static int
row_top(int top, int i)
{
	return top + i * ROW_H;
}

/* The text of the <desc>: every year's value and coverage, then the target. */
static void
put_desc(struct buf *out, const struct svg_chart *c)
{
	const struct svg_words *w = words(c->lang);
	char a[64], b[64], t[256];
	if (c->n == 0)
		svg_text(out, w->empty);
	for (int i = 0; i < c->n; i++) {
		if (isnan(c->values[i]))
			snprintf(t, sizeof(t), "%s%d: %s", i ? "; " : "", c->labels[i], w->no_data);
		else
			snprintf(t, sizeof(t), "%s%d: %s", i ? "; " : "", c->labels[i],
				 pct(a, sizeof(a), c->values[i], FMT_PCT, c->lang));
		svg_text(out, t);
		if (c->coverage != NULL && isfinite(c->coverage[i])) {
			snprintf(t, sizeof(t), " (%s %s)", w->coverage,
				 pct(b, sizeof(b), c->coverage[i], FMT_PCT, c->lang));
			svg_text(out, t);
		}
	}
	if (isfinite(c->target)) {
		snprintf(t, sizeof(t), ". %s %s", w->target,
			 pct(a, sizeof(a), c->target, FMT_TARGET, c->lang));
		svg_text(out, t);
		if (c->target_from != 0 || c->target_by != 0) {
			snprintf(t, sizeof(t), " (%d–%d)", c->target_from, c->target_by);
			svg_text(out, t);
		}
	}
	svg_text(out, ".");
}

/*
 * The visible title, cut at spaces into lines of at most TITLE_CHARS
 * characters (a word longer than that gets a line of its own), from y
 * downwards, into out (NULL: only measured).  Returns the y below its last
 * line.
 */
static int
put_title(struct buf *out, const char *title, int y)
{
	const char *p = title != NULL ? title : "";
	while (*p == ' ')
		p++;
	while (*p != '\0') {
		/* The longest run of whole words that fits, counted in characters. */
		const char *end = p, *cut = NULL;
		int chars = 0;
		while (*end != '\0' && (chars < TITLE_CHARS || cut == NULL)) {
			if (*end == ' ')
				cut = end;
			if (((unsigned char)*end & 0xC0) != 0x80)
				chars++;
			end++;
		}
		if (*end == '\0' && chars <= TITLE_CHARS)
			cut = end;
		else if (cut == NULL)
			cut = end; /* one long word */
		char line[512];
		size_t len =
		    (size_t)(cut - p) < sizeof(line) - 1 ? (size_t)(cut - p) : sizeof(line) - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		y += TITLE_LINE;
		p = cut;
		while (*p == ' ')
			p++;
		if (out == NULL)
			continue;
		buf_printf(out,
			   "<text class=\"title\" x=\"%d\" y=\"%d\" font-size=\"%d\" "
			   "font-weight=\"bold\" fill=\"" COL_TEXT "\">",
			   YEAR_X, y - 4, TITLE_FONT);
		svg_text(out, line);
		buf_puts(out, "</text>");
	}
	return y;
}

/* Vertical grid lines every 25 %, from y1 to y2, labelled 0, 50 and 100 % under y2. */
static void
put_grid(struct buf *out, enum lang lang, int y1, int y2)
{
	char a[32];
	buf_puts(out, "<g class=\"grid\">");
	for (int g = 0; g <= 100; g += 25) {
		double x = x_of(g);
		buf_printf(out,
			   "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"" COL_GRID
			   "\" stroke-width=\"1\"/>",
			   x, y1, x, y2);
		if (g % 50 != 0)
			continue;
		buf_printf(out,
			   "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\" "
			   "fill=\"" COL_MUTED "\">",
			   x, y2 + 16,
			   g == 0     ? "start"
			   : g == 100 ? "end"
				      : "middle",
			   FONT);
		svg_text(out, pct(a, sizeof(a), g, FMT_TARGET, lang));
		buf_puts(out, "</text>");
	}
	buf_puts(out, "</g>");
}

static void
put_bars(struct buf *out, const struct svg_chart *c, int top)
{
	const struct svg_words *w = words(c->lang);
	char a[64], b[64], t[256];
	for (int i = 0; i < c->n; i++) {
		double v = c->values[i];
		int y = row_top(top, i), base = y + ROW_H / 2 + 5; /* text baseline */
		int has_cov = c->coverage != NULL && isfinite(c->coverage[i]);
		buf_puts(out, "<g>");
		/* A tooltip with the year, value and coverage. */
		if (isnan(v))
			snprintf(t, sizeof(t), "%d: %s", c->labels[i], w->no_data);
		else
			snprintf(t, sizeof(t), "%d: %s", c->labels[i],
				 pct(a, sizeof(a), v, FMT_PCT, c->lang));
		buf_puts(out, "<title>");
		svg_text(out, t);
		if (has_cov) {
			snprintf(t, sizeof(t), " (%s %s)", w->coverage,
				 pct(b, sizeof(b), c->coverage[i], FMT_PCT, c->lang));
			svg_text(out, t);
		}
		buf_puts(out, "</title>");
		buf_printf(out,
			   "<text class=\"year\" x=\"%d\" y=\"%d\" font-size=\"%d\" "
			   "fill=\"" COL_TEXT "\">%d</text>",
			   YEAR_X, base, FONT, c->labels[i]);
		if (isnan(v)) {
			buf_printf(out,
				   "<text class=\"gap\" x=\"%d\" y=\"%d\" font-size=\"%d\" "
				   "fill=\"" COL_MUTED "\">",
				   PLOT_L + 4, base, FONT);
			svg_text(out, "—");
			buf_puts(out, "</text>");
		} else {
			double x = x_of(v);
			buf_printf(out,
				   "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" "
				   "height=\"%d\" fill=\"" COL_BAR "\"/>",
				   PLOT_L, y + (ROW_H - BAR_H) / 2, x - PLOT_L, BAR_H);
			/* A white outline keeps the value legible over the target line. */
			buf_printf(out,
				   "<text class=\"value\" x=\"%.1f\" y=\"%d\" font-size=\"%d\" "
				   "fill=\"" COL_TEXT "\" stroke=\"#ffffff\" stroke-width=\"3\" "
				   "paint-order=\"stroke\">",
				   x + 4, base, FONT);
			svg_text(out, pct(a, sizeof(a), v, FMT_PCT, c->lang));
			buf_puts(out, "</text>");
		}
		if (has_cov) {
			buf_printf(out,
				   "<text class=\"coverage\" x=\"%d\" y=\"%d\" "
				   "text-anchor=\"end\" font-size=\"%d\" fill=\"" COL_MUTED "\">",
				   COV_X, base, FONT);
			svg_text(out, pct(a, sizeof(a), c->coverage[i], FMT_PCT, c->lang));
			buf_puts(out, "</text>");
		}
		buf_puts(out, "</g>");
	}
}

/*
 * The dashed target line down the rows of the years it spans, and its key
 * in the header row above the rows (header_y: the header's baseline), where
 * no bar's label can be.
 */
static void
put_target(struct buf *out, const struct svg_chart *c, int top, int header_y)
{
	int first = -1, last = -1;
	for (int i = 0; i < c->n; i++) {
		if ((c->target_from == 0 || c->labels[i] >= c->target_from) &&
		    (c->target_by == 0 || c->labels[i] <= c->target_by)) {
			if (first < 0)
				first = i;
			last = i;
		}
	}
	if (first < 0)
		return; /* the target's years are outside the chart: the <desc> still says it */
	double x = x_of(c->target);
	char a[32], t[96];
	buf_printf(out,
		   "<g class=\"target\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
		   "stroke=\"" COL_TARGET "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
		   x, row_top(top, first), x, row_top(top, last + 1));
	/* The key: a short piece of the same line and the words. */
	buf_printf(out,
		   "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" COL_TARGET
		   "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
		   PLOT_L, header_y - 4, PLOT_L + 16, header_y - 4);
	snprintf(t, sizeof(t), "%s %s", words(c->lang)->target,
		 pct(a, sizeof(a), c->target, FMT_TARGET, c->lang));
	buf_printf(out,
		   "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"bold\" "
		   "fill=\"" COL_TARGET "\">",
		   PLOT_L + 20, header_y, FONT);
	svg_text(out, t);
	buf_puts(out, "</text></g>");
}

/* Opens the <svg> element with its accessible name and description. */
static void
put_open(struct buf *out, const char *cls, int h, const char *id, const char *title)
{
	buf_printf(out,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" "
		   "class=\"%s\" font-family=\"sans-serif\"",
		   SVG_W, h, cls);
	if (id != NULL) {
		buf_puts(out, " aria-labelledby=\"");
		svg_text(out, id);
		buf_puts(out, "-title ");
		svg_text(out, id);
		buf_puts(out, "-desc\"><title id=\"");
		svg_text(out, id);
		buf_puts(out, "-title\">");
	} else {
		buf_puts(out, " aria-label=\"");
		svg_text(out, title);
		buf_puts(out, "\"><title>");
	}
	svg_text(out, title);
	buf_puts(out, "</title><desc");
	if (id != NULL) {
		buf_puts(out, " id=\"");
		svg_text(out, id);
		buf_puts(out, "-desc\"");
	}
	buf_puts(out, ">");
}

void
svg_bar_chart(struct buf *out, const struct svg_chart *c)
{
	const struct svg_words *w = words(c->lang);
	int title_h = c->no_title ? 0 : put_title(NULL, c->title, 0);
	int top = title_h + HEAD_H, header_y = title_h + HEAD_H - 7;
	int rows = c->n > 0 ? c->n : 2; /* an empty chart keeps room for its message */
	int axis = row_top(top, rows) + 2, h = axis + TICKS_H;
	put_open(out, "sxsh-chart", h, c->id, c->title);
	put_desc(out, c);
	buf_puts(out, "</desc>");
	if (!c->no_title)
		put_title(out, c->title, 0);
	put_grid(out, c->lang, top - 2, axis);
	if (c->n > 0) {
		put_bars(out, c, top);
	} else {
		buf_printf(out,
			   "<text class=\"gap\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			   "font-size=\"%d\" fill=\"" COL_MUTED "\">",
			   (PLOT_L + PLOT_R) / 2, top + ROW_H + 5, FONT);
		svg_text(out, w->empty);
		buf_puts(out, "</text>");
	}
	buf_printf(out,
		   "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" COL_AXIS
		   "\" stroke-width=\"1\"/>",
		   PLOT_L, top - 2, PLOT_L, axis);
	if (c->n > 0 && isfinite(c->target))
		put_target(out, c, top, header_y);
	if (c->n > 0 && c->coverage != NULL) {
		buf_printf(out,
			   "<text class=\"legend\" x=\"%d\" y=\"%d\" text-anchor=\"end\" "
			   "font-size=\"%d\" fill=\"" COL_MUTED "\">",
			   COV_X, header_y, FONT);
		svg_text(out, w->cov_legend);
		buf_puts(out, "</text>");
	}
	buf_puts(out, "</svg>");
}

/* ---- distributions (svg_distribution) ---- */

/* The words of a distribution, by language. */
static const struct svg_dist_words {
	const char *values, *range, *quartiles, *count, *to;
} svg_dist_words[] = {
    [LANG_VI] = {"giá trị", "khoảng", "tứ phân vị Q1, trung vị, Q3", "số lượng", "đến"},
    [LANG_EN] = {"values", "range", "quartiles Q1, median, Q3", "count", "to"},
};

/* A SEC, a norm or a quartile as util/fmt.h shows them (4 significant digits). */
static const char *
dist_num(char *b, size_t n, double v, enum lang lang)
{
	return fmt_qty(b, n, v, FMT_SEC, lang);
}

void
svg_distribution(struct buf *out, const struct svg_dist *d)
{
	const struct svg_words *w = words(d->lang);
	const struct svg_dist_words *dw = &svg_dist_words[d->lang == LANG_EN ? LANG_EN : LANG_VI];
	enum { NBINS_MAX = 60 };
	int nbins = d->nbins > 0 && d->nbins <= NBINS_MAX ? d->nbins : 10;
	int count[NBINS_MAX] = {0}, nv = 0, cmax = 0;
	double lo = INFINITY, hi = -INFINITY;
	for (int i = 0; i < d->n; i++) {
		if (!isfinite(d->values[i]))
			continue;
		nv++;
		lo = fmin(lo, d->values[i]);
		hi = fmax(hi, d->values[i]);
	}
	double vlo = lo, vhi = hi; /* the values' own range, for the description */
	if (nv > 0 && isfinite(d->ref)) {
		lo = fmin(lo, d->ref);
		hi = fmax(hi, d->ref);
	}
	if (nv > 0 && !(hi > lo)) { /* all equal: a range around them */
		double pad = lo != 0 ? fabs(lo) * 0.1 : 1;
		lo -= pad;
		hi += pad;
	}
	double bw = nv > 0 ? (hi - lo) / nbins : 1;
	for (int i = 0; i < d->n; i++) {
		if (!isfinite(d->values[i]))
			continue;
		int b = (int)((d->values[i] - lo) / bw);
		b = b < 0 ? 0 : b >= nbins ? nbins - 1 : b;
		if (++count[b] > cmax)
			cmax = count[b];
	}

	/* The layout from the top: title, reference label, bars, axis labels,
	 * quartile box, its legend on two lines. */
	int top = put_title(NULL, d->title, 0) + 40; /* the tallest bar's top */
	int axis = top + 150, h = axis + 80;
	put_open(out, "sxsh-chart sxsh-dist", h, d->id, d->title);
	char a[32], b2[32], c[32];
	if (nv > 0) {
		buf_printf(out, "%d %s; %s %s %s %s", nv, dw->values, dw->range,
			   dist_num(a, sizeof(a), vlo, d->lang), dw->to,
			   dist_num(b2, sizeof(b2), vhi, d->lang));
		if (d->unit != NULL) {
			buf_puts(out, " ");
			svg_text(out, d->unit);
		}
		if (isfinite(d->q1) && isfinite(d->median) && isfinite(d->q3))
			buf_printf(out, "; %s: %s, %s, %s", dw->quartiles,
				   dist_num(a, sizeof(a), d->q1, d->lang),
				   dist_num(b2, sizeof(b2), d->median, d->lang),
				   dist_num(c, sizeof(c), d->q3, d->lang));
		if (isfinite(d->ref)) {
			buf_puts(out, "; ");
			svg_text(out, d->ref_label != NULL ? d->ref_label : w->target);
			buf_printf(out, ": %s", dist_num(a, sizeof(a), d->ref, d->lang));
		}
	} else {
		svg_text(out, w->empty);
	}
	buf_puts(out, "</desc>");
	put_title(out, d->title, 0);
	if (nv == 0) {
		buf_printf(out,
			   "<text class=\"gap\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			   "font-size=\"%d\" fill=\"" COL_MUTED "\">",
			   SVG_W / 2, top + 60, FONT);
		svg_text(out, w->empty);
		buf_puts(out, "</text></svg>");
		return;
	}

	/* Bars: one per bin, height by count; the count above each non-empty bar. */
	const double pw = DIST_R - DIST_L, ph = axis - top;
	const double slot = pw / nbins;
	for (int i = 0; i < nbins; i++) {
		if (count[i] == 0)
			continue;
		double h = ph * count[i] / cmax;
		double x = DIST_L + slot * i;
		buf_printf(
		    out,
		    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		    "fill=\"" COL_BAR "\"><title>",
		    x + 1, axis - h, slot - 2, h);
		buf_printf(out, "%s–%s: %d</title></rect>",
			   dist_num(a, sizeof(a), lo + bw * i, d->lang),
			   dist_num(b2, sizeof(b2), lo + bw * (i + 1), d->lang), count[i]);
		buf_printf(out,
			   "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
			   "font-size=\"%d\" fill=\"" COL_TEXT "\">%d</text>",
			   x + slot / 2, axis - h - 4, FONT, count[i]);
	}
	buf_printf(out,
		   "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" COL_AXIS
		   "\" stroke-width=\"1\"/>",
		   DIST_L, axis, DIST_R, axis);
	/* Axis labels: the range's ends and middle. */
	for (int i = 0; i <= 2; i++) {
		double v = lo + (hi - lo) * i / 2;
		buf_printf(out,
			   "<text class=\"year\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" "
			   "font-size=\"%d\" fill=\"" COL_TEXT "\">%s</text>",
			   DIST_L + pw * i / 2, axis + 16,
			   i == 0   ? "start"
			   : i == 1 ? "middle"
				    : "end",
			   FONT, dist_num(a, sizeof(a), v, d->lang));
	}
	/* The unit at the right of the quartiles' legend. */
	if (d->unit != NULL) {
		buf_printf(out,
			   "<text class=\"legend\" x=\"%d\" y=\"%d\" text-anchor=\"end\" "
			   "font-size=\"%d\" fill=\"" COL_MUTED "\">",
			   DIST_R, axis + 56, FONT);
		svg_text(out, d->unit);
		buf_puts(out, "</text>");
	}
#define DIST_X(v) (DIST_L + pw * ((v)-lo) / (hi - lo))
	/* Quartile box and median under the axis, their legend under it on two lines. */
	if (isfinite(d->q1) && isfinite(d->median) && isfinite(d->q3)) {
		int y = axis + 24;
		buf_printf(
		    out,
		    "<rect class=\"quartile\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"12\" "
		    "fill=\"none\" stroke=\"" COL_AXIS "\"><title>Q1–Q3: %s–%s</title></rect>",
		    DIST_X(d->q1), y, DIST_X(d->q3) - DIST_X(d->q1),
		    dist_num(a, sizeof(a), d->q1, d->lang),
		    dist_num(b2, sizeof(b2), d->q3, d->lang));
		buf_printf(out,
			   "<line class=\"median\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
			   "stroke=\"" COL_AXIS "\" stroke-width=\"2\"/>",
			   DIST_X(d->median), y, DIST_X(d->median), y + 12);
		buf_printf(out,
			   "<text class=\"legend\" x=\"%d\" y=\"%d\" font-size=\"%d\" "
			   "fill=\"" COL_MUTED "\">",
			   DIST_L, y + 32, FONT);
		svg_text(out, dw->quartiles);
		buf_printf(out,
			   ":</text><text class=\"legend\" x=\"%d\" y=\"%d\" font-size=\"%d\" "
			   "fill=\"" COL_MUTED "\">%s · %s · %s</text>",
			   DIST_L, y + 50, FONT, dist_num(a, sizeof(a), d->q1, d->lang),
			   dist_num(b2, sizeof(b2), d->median, d->lang),
			   dist_num(c, sizeof(c), d->q3, d->lang));
	}
	/* The reference line over the whole plot, its label above the bars' counts. */
	if (isfinite(d->ref)) {
		double x = DIST_X(d->ref);
		int right = x > (DIST_L + DIST_R) / 2;
		buf_printf(out,
			   "<line class=\"target\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
			   "stroke=\"" COL_TARGET
			   "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
			   x, top - 18, x, axis);
		buf_printf(out,
			   "<text class=\"target\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" "
			   "font-size=\"%d\" fill=\"" COL_TARGET "\">",
			   x + (right ? -4 : 4), top - 22, right ? "end" : "start", FONT);
		svg_text(out, d->ref_label != NULL ? d->ref_label : w->target);
		buf_printf(out, " %s</text>", dist_num(a, sizeof(a), d->ref, d->lang));
	}
#undef DIST_X
	buf_puts(out, "</svg>");
}

void
svg_escape(struct buf *out, const char *s)
{
	svg_text(out, s);
}
