/*
 * stderr logger (see log.h).  Each line is escaped into one buffer and
 * written with a single write(2), which keeps lines whole when several
 * threads log at once (a write of at most PIPE_BUF bytes to a pipe is
 * atomic; so is one to a file opened for appending).
 */
#include "util/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#define LOG_MSG_MAX 4096 /* bytes of one formatted message, before escaping */

static enum log_level min_level = LOG_INFO;
static _Thread_local struct log_fold *log_fold_cur;

void
log_set_level(enum log_level lvl)
{
	min_level = lvl;
}

/* Whether code point cp is written as \uHHHH: C1 controls and the Unicode line breaks. */
static int
log_escape_cp(utf8proc_int32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029;
}

size_t
log_escape(char *out, size_t outsz, const char *in, size_t len, size_t *used)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)in[i];
		char esc[8];
		size_t elen = 0, step = 1;
		const char *src = esc;
		if (c == '\t' || c == '\n' || c == '\r' || c == '\\') {
			esc[0] = '\\';
			esc[1] = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\';
			elen = 2;
		} else if (c < 0x20 || c == 0x7f) {
			memcpy(esc, "\\x", 2);
			esc[2] = hex[c >> 4];
			esc[3] = hex[c & 15];
			elen = 4;
		} else if (c < 0x80) {
			src = in + i;
			elen = 1;
		} else {
			utf8proc_int32_t cp;
			utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)in + i,
							      (utf8proc_ssize_t)(len - i), &cp);
			if (n <= 0 || cp < 0) { /* not UTF-8: this one byte */
				memcpy(esc, "\\x", 2);
				esc[2] = hex[c >> 4];
				esc[3] = hex[c & 15];
				elen = 4;
			} else if (log_escape_cp(cp)) {
				snprintf(esc, sizeof(esc), "\\u%04x", (unsigned)cp);
				elen = 6;
				step = (size_t)n;
			} else {
				src = in + i;
				elen = step = (size_t)n;
			}
		}
		if (o + elen >= outsz)
			break;
		memcpy(out + o, src, elen);
		o += elen;
		i += step;
	}
	out[o] = '\0';
	if (used != NULL)
		*used = i;
	return o;
}

void
log_fold_init(struct log_fold *f)
{
	if (f == NULL)
		return;
	f->text[0] = '\0';
	f->len = 0;
	f->level = LOG_DEBUG;
	f->count = 0;
	f->cut = 0;
}

void
log_fold_begin(struct log_fold *f)
{
	log_fold_cur = f;
}

void
log_fold_end(void)
{
	log_fold_cur = NULL;
}

/* Appends s[0..n) to f's text while it fits in room bytes; returns -1 when cut. */
static int
log_fold_put(struct log_fold *f, const char *s, size_t n, size_t room)
{
	if (f->len + n <= room) {
		memcpy(f->text + f->len, s, n);
		f->len += n;
		return 0;
	}
	n = room - f->len;
	/* Cut at a character boundary, not inside a UTF-8 sequence. */
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(f->text + f->len, s, n);
	f->len += n;
	return -1;
}

/* Appends msg to f, "; " before all but the first, cut with "…" at LOG_FOLD_MAX. */
static void
log_fold_add(struct log_fold *f, enum log_level lvl, const char *msg)
{
	static const char more[] = "…";
	if (lvl > f->level)
		f->level = lvl;
	f->count++;
	if (f->cut)
		return;
	size_t room = sizeof(f->text) - sizeof(more); /* "…" and the NUL still fit */
	if ((f->count > 1 && log_fold_put(f, "; ", 2, room) < 0) ||
	    log_fold_put(f, msg, strlen(msg), room) < 0) {
		memcpy(f->text + f->len, more, sizeof(more) - 1);
		f->len += sizeof(more) - 1;
		f->cut = 1;
	}
	f->text[f->len] = '\0';
}

void
log_msg(enum log_level lvl, const char *fmt, ...)
{
	static const char *names[] = {"debug", "info", "warn", "error"};
	static const char more[] = "…";
	if (lvl < min_level)
		return;
	char msg[LOG_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	int mlen = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (mlen < 0)
		return;
	if (log_fold_cur != NULL) {
		log_fold_add(log_fold_cur, lvl, msg);
		return;
	}

	char line[LOG_LINE_MAX], ts[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	size_t n = (size_t)snprintf(line, sizeof(line), "%s sxsh %s: ", ts, names[lvl]);
	size_t len = strlen(msg), used;
	/* Leave room for "…" and the newline. */
	n += log_escape(line + n, sizeof(line) - n - sizeof(more), msg, len, &used);
	if (used < len || (size_t)mlen >= sizeof(msg)) {
		memcpy(line + n, more, sizeof(more) - 1);
		n += sizeof(more) - 1;
	}
	line[n++] = '\n';
	for (size_t off = 0; off < n;) {
		ssize_t w = write(STDERR_FILENO, line + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
}
