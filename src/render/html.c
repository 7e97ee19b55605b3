/*
 * HTML writer (see html.h).  The escaper is the only path from data to
 * output; the tag functions build markup from literal names only.
 */
#include "render/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* The replacement of each character that is special in text or attributes. */
static const char *const html_entities[256] = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

static void
html_escape_n(struct buf *b, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *ent = html_entities[(unsigned char)s[i]];
		if (ent == NULL)
			continue;
		buf_append(b, s + start, i - start);
		buf_puts(b, ent);
		start = i + 1;
	}
	buf_append(b, s + start, n - start);
}

void
html_text(struct buf *b, const char *s)
{
	if (s != NULL)
		html_escape_n(b, s, strlen(s));
}

void
html_textf(struct buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		html_escape_n(b, small, (size_t)n);
		return;
	}
	struct buf tmp;
	buf_init(&tmp, (size_t)n + 1);
	va_start(ap, fmt);
	buf_vprintf(&tmp, fmt, ap);
	va_end(ap);
	html_escape_n(b, buf_str(&tmp), tmp.len);
	buf_free(&tmp);
}

void
html_open(struct buf *b, const char *tag, ...)
{
	va_list ap;
	buf_putc(b, '<');
	buf_puts(b, tag);
	va_start(ap, tag);
	for (;;) {
		const char *name = va_arg(ap, const char *);
		if (name == NULL)
			break;
		const char *value = va_arg(ap, const char *);
		buf_putc(b, ' ');
		buf_puts(b, name);
		buf_puts(b, "=\"");
		html_text(b, value);
		buf_putc(b, '"');
	}
	va_end(ap);
	buf_putc(b, '>');
}

void
html_close(struct buf *b, const char *tag)
{
	buf_puts(b, "</");
	buf_puts(b, tag);
	buf_putc(b, '>');
}

void
html_elem(struct buf *b, const char *tag, const char *text)
{
	html_open(b, tag, NULL);
	html_text(b, text);
	html_close(b, tag);
}

void
html_raw(struct buf *b, const char *markup)
{
	if (markup != NULL)
		buf_puts(b, markup);
}

void
html_urlenc(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(b, (char)*p);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			buf_append(b, e, 3);
		}
	}
}

int
html_template(struct buf *b, const char *tpl, const struct html_var *vars, size_t nvars)
{
	int rc = 0;
	const char *p = tpl;
	for (;;) {
		const char *open = strstr(p, "{{");
		if (open == NULL) {
			buf_puts(b, p);
			break;
		}
		buf_append(b, p, (size_t)(open - p));
		const char *close = strstr(open + 2, "}}");
		if (close == NULL) {
			buf_puts(b, open);
			rc = -1;
			break;
		}
		size_t n = (size_t)(close - open - 2);
		size_t i;
		for (i = 0; i < nvars; i++)
			if (strlen(vars[i].name) == n && memcmp(vars[i].name, open + 2, n) == 0)
				break;
		if (i < nvars)
			html_raw(b, vars[i].html);
		else
			rc = -1;
		p = close + 2;
	}
	return rc;
}
