/*
 * An HTML writer over struct buf that escapes by construction.  Text and
 * attribute values always go through the escaper (& < > " '), so a facility
 * name can never become markup.  Tags are written by name with html_open /
 * html_close; attribute values are escaped too.  html_raw() appends trusted
 * markup unchanged (an SVG chart from render/svg.c, a filled template); it is
 * rare on purpose, so `grep html_raw` lists every place markup is trusted.
 *
 * All functions append to b and inherit its bound: when b overflows, later
 * appends are dropped and b->overflow stays set for the caller to check once.
 */
#ifndef SXSH_RENDER_HTML_H
#define SXSH_RENDER_HTML_H

#include <stddef.h>

struct buf;

/* Appends s with HTML special characters escaped; NULL appends nothing. */
void html_text(struct buf *b, const char *s);
/* Formats like printf, then appends the result escaped. */
void html_textf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * Appends <tag name="value" ...>: the variadic part is name/value pairs ending
 * in NULL.  Names must be literal attribute names; values are escaped and
 * must not be NULL (the list ends at the first NULL name).
 */
void html_open(struct buf *b, const char *tag, ...) __attribute__((sentinel));
/* Appends </tag>. */
void html_close(struct buf *b, const char *tag);
/* Appends <tag>text</tag> with text escaped. */
void html_elem(struct buf *b, const char *tag, const char *text);
/* Appends trusted markup unchanged.  Never pass data that came from a user. */
void html_raw(struct buf *b, const char *markup);
/*
 * Appends s percent-encoded for a URL query component (RFC 3986 unreserved
 * characters kept, space as %20).  The result contains no HTML special
 * characters, so it is safe in an attribute as is.
 */
void html_urlenc(struct buf *b, const char *s);

/* One placeholder of a template: {{name}} is replaced by html. */
struct html_var {
	const char *name;
	const char *html; /* trusted markup, built with the functions above */
};

/*
 * Fills the template tpl into b: each {{name}} is replaced by the html of the
 * var with that name.  Returns 0, or -1 when a placeholder has no var or is
 * not closed (the rest of the template is still copied).
 */
int html_template(struct buf *b, const char *tpl, const struct html_var *vars, size_t nvars);

#endif
