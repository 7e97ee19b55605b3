/*
 * SVG bar charts (see svg.h).  Every piece of text, in elements and in
 * attributes, goes through svg_text(), which escapes the five XML special
 * characters and replaces what XML cannot carry (control characters,
 * malformed UTF-8), so the output is well-formed whatever the caller passes.
 * Coordinates are computed in a fixed viewBox and printed with one decimal.
 */
#include "render/svg.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Geometry of the viewBox. */
enum {
	SVG_W = 640,
	SVG_H = 300,
	PLOT_L = 48,  /* left edge of the plot (room for the axis labels) */
	PLOT_R = 628, /* right edge */
	PLOT_T = 44,  /* y of 100 % */
	PLOT_B = 230, /* y of 0 % */
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
	const char *cov_legend; /* what the small figures are */
} svg_words[] = {
    [LANG_VI] = {"Mục tiêu", "độ phủ", "không có số liệu", "Chưa có số liệu",
		 "Số nhỏ dưới năm: độ phủ (tỷ lệ cơ sở có số liệu)"},
    [LANG_EN] = {"Target", "coverage", "no data", "No data yet",
		 "Small figures under the years: coverage (share of facilities with data)"},
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

/* The y coordinate of a percentage, clipped to the plot. */
static double
y_of(double v)
{
	if (v < 0)
		v = 0;
	if (v > 100)
		v = 100;
	return PLOT_B - v / 100.0 * (PLOT_B - PLOT_T);
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

static void
put_grid(struct buf *out, enum lang lang)
{
	char a[32];
	buf_puts(out, "<g class=\"grid\">");
	for (int g = 0; g <= 100; g += 25) {
		double y = y_of(g);
		buf_printf(out,
			   "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"" COL_GRID
			   "\" stroke-width=\"1\"/>",
			   PLOT_L, y, PLOT_R, y);
		buf_printf(out,
			   "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\" "
			   "fill=\"" COL_MUTED "\">",
			   PLOT_L - 6, y + 3.5);
		svg_text(out, pct(a, sizeof(a), g, FMT_TARGET, lang));
		buf_puts(out, "</text>");
	}
	buf_puts(out, "</g>");
}

static void
put_bars(struct buf *out, const struct svg_chart *c)
{
	const struct svg_words *w = words(c->lang);
	double slot = (double)(PLOT_R - PLOT_L) / c->n, bw = slot * 0.62;
	int fs = c->n > 16 ? 8 : 10;
	char a[64], b[64], t[256];
	for (int i = 0; i < c->n; i++) {
		double v = c->values[i], cx = PLOT_L + slot * i + slot / 2;
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
		if (isnan(v)) {
			buf_printf(out,
				   "<text class=\"gap\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
				   "font-size=\"%d\" fill=\"" COL_MUTED "\">",
				   cx, PLOT_B - 5, fs + 2);
			svg_text(out, "—");
			buf_puts(out, "</text>");
		} else {
			double y = y_of(v);
			buf_printf(out,
				   "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				   "height=\"%.1f\" fill=\"" COL_BAR "\"/>",
				   cx - bw / 2, y, bw, PLOT_B - y);
			buf_printf(
			    out,
			    "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
			    "font-size=\"%d\" fill=\"" COL_TEXT "\">",
			    cx, y - 4, fs);
			svg_text(out, pct(a, sizeof(a), v, FMT_PCT, c->lang));
			buf_puts(out, "</text>");
		}
		buf_printf(out,
			   "<text class=\"year\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
			   "font-size=\"%d\" fill=\"" COL_TEXT "\">%d</text>",
			   cx, PLOT_B + 16, fs + 1, c->labels[i]);
		if (has_cov) {
			buf_printf(out,
				   "<text class=\"coverage\" x=\"%.1f\" y=\"%d\" "
				   "text-anchor=\"middle\" font-size=\"%d\" fill=\"" COL_MUTED
				   "\">",
				   cx, PLOT_B + 30, fs - 1);
			svg_text(out, pct(a, sizeof(a), c->coverage[i], FMT_PCT, c->lang));
			buf_puts(out, "</text>");
		}
		buf_puts(out, "</g>");
	}
}

/* The dashed target line over the years it spans, with its label. */
static void
put_target(struct buf *out, const struct svg_chart *c)
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
	double slot = (double)(PLOT_R - PLOT_L) / c->n;
	double x1 = PLOT_L + slot * first, x2 = PLOT_L + slot * (last + 1), y = y_of(c->target);
	char a[32], t[96];
	buf_printf(out,
		   "<g class=\"target\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		   "stroke=\"" COL_TARGET "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
		   x1, y, x2, y);
	snprintf(t, sizeof(t), "%s %s", words(c->lang)->target,
		 pct(a, sizeof(a), c->target, FMT_TARGET, c->lang));
	buf_printf(out,
		   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" "
		   "font-weight=\"bold\" fill=\"" COL_TARGET "\">",
		   x2, y - 6);
	svg_text(out, t);
	buf_puts(out, "</text></g>");
}

void
svg_bar_chart(struct buf *out, const struct svg_chart *c)
{
	const struct svg_words *w = words(c->lang);
	buf_printf(out,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" "
		   "class=\"sxsh-chart\" font-family=\"sans-serif\"",
		   SVG_W, SVG_H);
	if (c->id != NULL) {
		buf_puts(out, " aria-labelledby=\"");
		svg_text(out, c->id);
		buf_puts(out, "-title ");
		svg_text(out, c->id);
		buf_puts(out, "-desc\"><title id=\"");
		svg_text(out, c->id);
		buf_puts(out, "-title\">");
	} else {
		buf_puts(out, " aria-label=\"");
		svg_text(out, c->title);
		buf_puts(out, "\"><title>");
	}
	svg_text(out, c->title);
	buf_puts(out, "</title><desc");
	if (c->id != NULL) {
		buf_puts(out, " id=\"");
		svg_text(out, c->id);
		buf_puts(out, "-desc\"");
	}
	buf_puts(out, ">");
	put_desc(out, c);
	buf_puts(out, "</desc>");

	buf_puts(out, "<text class=\"title\" x=\"12\" y=\"22\" font-size=\"14\" "
		      "font-weight=\"bold\" fill=\"" COL_TEXT "\">");
	svg_text(out, c->title);
	buf_puts(out, "</text>");
	put_grid(out, c->lang);
	if (c->n > 0) {
		put_bars(out, c);
	} else {
		buf_printf(out,
			   "<text class=\"gap\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			   "font-size=\"12\" fill=\"" COL_MUTED "\">",
			   (PLOT_L + PLOT_R) / 2, (PLOT_T + PLOT_B) / 2);
		svg_text(out, w->empty);
		buf_puts(out, "</text>");
	}
	buf_printf(out,
		   "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" COL_AXIS
		   "\" stroke-width=\"1\"/>",
		   PLOT_L, PLOT_B, PLOT_R, PLOT_B);
	if (c->n > 0 && isfinite(c->target))
		put_target(out, c);
	if (c->n > 0 && c->coverage != NULL) {
		buf_printf(out,
			   "<text class=\"legend\" x=\"%d\" y=\"%d\" font-size=\"10\" "
			   "fill=\"" COL_MUTED "\">",
			   PLOT_L, SVG_H - 14);
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

	buf_printf(out,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" "
		   "class=\"sxsh-chart sxsh-dist\" font-family=\"sans-serif\"",
		   SVG_W, SVG_H);
	if (d->id != NULL) {
		buf_puts(out, " aria-labelledby=\"");
		svg_text(out, d->id);
		buf_puts(out, "-title ");
		svg_text(out, d->id);
		buf_puts(out, "-desc\"><title id=\"");
		svg_text(out, d->id);
		buf_puts(out, "-title\">");
	} else {
		buf_puts(out, " aria-label=\"");
		svg_text(out, d->title);
		buf_puts(out, "\"><title>");
	}
	svg_text(out, d->title);
	buf_puts(out, "</title><desc");
	if (d->id != NULL) {
		buf_puts(out, " id=\"");
		svg_text(out, d->id);
		buf_puts(out, "-desc\"");
	}
	buf_puts(out, ">");
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
	buf_puts(out, "<text class=\"title\" x=\"12\" y=\"22\" font-size=\"14\" "
		      "font-weight=\"bold\" fill=\"" COL_TEXT "\">");
	svg_text(out, d->title);
	buf_puts(out, "</text>");
	if (nv == 0) {
		buf_printf(out,
			   "<text class=\"gap\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			   "font-size=\"12\" fill=\"" COL_MUTED "\">",
			   (PLOT_L + PLOT_R) / 2, (PLOT_T + PLOT_B) / 2);
		svg_text(out, w->empty);
		buf_puts(out, "</text></svg>");
		return;
	}

	/* Bars: one per bin, height by count; the count above each non-empty bar. */
	const double pw = PLOT_R - PLOT_L, ph = PLOT_B - PLOT_T - 20;
	const double slot = pw / nbins;
	for (int i = 0; i < nbins; i++) {
		if (count[i] == 0)
			continue;
		double h = ph * count[i] / cmax;
		double x = PLOT_L + slot * i;
		buf_printf(
		    out,
		    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		    "fill=\"" COL_BAR "\"><title>",
		    x + 1, PLOT_B - h, slot - 2, h);
		buf_printf(out, "%s–%s: %d</title></rect>",
			   dist_num(a, sizeof(a), lo + bw * i, d->lang),
			   dist_num(b2, sizeof(b2), lo + bw * (i + 1), d->lang), count[i]);
		buf_printf(out,
			   "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
			   "font-size=\"10\" fill=\"" COL_TEXT "\">%d</text>",
			   x + slot / 2, PLOT_B - h - 4, count[i]);
	}
	buf_printf(out,
		   "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" COL_AXIS
		   "\" stroke-width=\"1\"/>",
		   PLOT_L, PLOT_B, PLOT_R, PLOT_B);
	/* Axis labels: the range's ends and middle. */
	for (int i = 0; i <= 2; i++) {
		double v = lo + (hi - lo) * i / 2;
		buf_printf(out,
			   "<text class=\"year\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" "
			   "font-size=\"11\" fill=\"" COL_TEXT "\">%s</text>",
			   PLOT_L + pw * i / 2, PLOT_B + 14,
			   i == 0   ? "start"
			   : i == 1 ? "middle"
				    : "end",
			   dist_num(a, sizeof(a), v, d->lang));
	}
	if (d->unit != NULL) {
		buf_printf(out,
			   "<text class=\"legend\" x=\"%d\" y=\"%d\" text-anchor=\"end\" "
			   "font-size=\"10\" fill=\"" COL_MUTED "\">",
			   PLOT_R, SVG_H - 8);
		svg_text(out, d->unit);
		buf_puts(out, "</text>");
	}
#define DIST_X(v) (PLOT_L + pw * ((v)-lo) / (hi - lo))
	/* Quartile box and median under the axis. */
	if (isfinite(d->q1) && isfinite(d->median) && isfinite(d->q3)) {
		int y = PLOT_B + 24;
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
		buf_printf(
		    out,
		    "<text class=\"legend\" x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"" COL_MUTED
		    "\">",
		    PLOT_L, y + 26);
		svg_text(out, dw->quartiles);
		buf_printf(out, ": %s · %s · %s</text>", dist_num(a, sizeof(a), d->q1, d->lang),
			   dist_num(b2, sizeof(b2), d->median, d->lang),
			   dist_num(c, sizeof(c), d->q3, d->lang));
	}
	/* The reference line over the whole plot. */
	if (isfinite(d->ref)) {
		double x = DIST_X(d->ref);
		buf_printf(out,
			   "<line class=\"target\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
			   "stroke=\"" COL_TARGET
			   "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
			   x, PLOT_T - 8, x, PLOT_B);
		buf_printf(out,
			   "<text class=\"target\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" "
			   "font-size=\"11\" fill=\"" COL_TARGET "\">",
			   x + (x > (PLOT_L + PLOT_R) / 2 ? -4 : 4), PLOT_T - 10,
			   x > (PLOT_L + PLOT_R) / 2 ? "end" : "start");
		svg_text(out, d->ref_label != NULL ? d->ref_label : w->target);
		buf_printf(out, " %s</text>", dist_num(a, sizeof(a), d->ref, d->lang));
	}
#undef DIST_X
	buf_puts(out, "</svg>");
}
