/*
 * A growable byte buffer with a hard maximum size, in the manner of curl's
 * dynbuf: every buffer is created with the largest size it may ever reach, so
 * data fed from the network or a file can never grow it without bound.
 *
 * The contents are always NUL-terminated (the terminator is not counted in
 * len).  An append that would pass the maximum fails with -1, leaves the
 * buffer unchanged, and sets the overflow flag, so a writer may append many
 * pieces and check once at the end.
 */
#ifndef SXSH_UTIL_BUF_H
#define SXSH_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;   /* NUL-terminated; NULL until the first append */
	size_t len;   /* bytes used, without the terminator */
	size_t cap;   /* bytes allocated */
	size_t max;   /* the most len may ever be */
	int overflow; /* set once an append was refused */
};

/* Prepares an empty buffer that may hold up to max bytes. */
void buf_init(struct buf *b, size_t max);
/* Frees the contents; the buffer may be initialised again. NULL is a no-op. */
void buf_free(struct buf *b);
/* Empties the buffer, keeping its memory. */
void buf_reset(struct buf *b);
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Returns the contents ("" when empty); valid until the next change. */
const char *buf_str(const struct buf *b);
/* Hands the contents to the caller, who frees them; the buffer is left empty. */
char *buf_detach(struct buf *b, size_t *len);

#endif
