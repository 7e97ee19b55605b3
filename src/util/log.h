/*
 * Logging to stderr with a UTC timestamp and a level.  Internal error detail
 * goes here, never to an HTTP client.
 *
 * Every message is one line: whatever the arguments hold, log_msg escapes
 * it with log_escape before writing, so a request can neither break a line
 * nor send a terminal escape sequence to whoever reads the log.  A line is
 * at most LOG_LINE_MAX bytes, written with one write(2), so lines of
 * several threads never interleave; a longer message is cut and ends in
 * "…".
 *
 * The HTTP server writes one access line per request and folds into it what
 * the request's handler logged (log_fold_begin), so one request is one line.
 */
#ifndef SXSH_UTIL_LOG_H
#define SXSH_UTIL_LOG_H

#include <stddef.h>

#define LOG_LINE_MAX 4096 /* bytes of one written line, newline included */
#define LOG_FOLD_MAX 1024 /* bytes of messages one fold keeps */

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERR };

/* Messages below this level are dropped; LOG_INFO by default. */
void log_set_level(enum log_level lvl);
void log_msg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_err(...)  log_msg(LOG_ERR, __VA_ARGS__)

/*
 * Escapes in[0..len) (NUL bytes included) into out, NUL-terminated, as one
 * line of valid UTF-8 without control characters:
 *   tab, LF, CR          \t \n \r
 *   other C0, DEL        \xHH (two lower-case hex digits: ESC is \x1b)
 *   backslash            \\   (so every escape reads back unambiguously)
 *   C1 controls U+0080-U+009F, LINE and PARAGRAPH SEPARATOR (U+2028/9)
 *                        \uHHHH (NEL is \u0085)
 *   a byte that does not start valid UTF-8 (stray, overlong, surrogate)
 *                        \xHH
 * Everything else, Vietnamese included, is copied as is.  When out is too
 * small the text is cut before the first character (or escape) that does
 * not fit.  Returns the length of out; *used (when not NULL) receives how
 * many bytes of in were consumed (len when nothing was cut).  outsz >= 1.
 */
size_t log_escape(char *out, size_t outsz, const char *in, size_t len, size_t *used);

/*
 * Messages of one unit of work (an HTTP request) gathered for one line.
 * While a fold is set on a thread, that thread's messages at or above the
 * level go into text, separated by "; " (unescaped; they are escaped when
 * the line is written), instead of to stderr; level is the highest level
 * folded.  Text past LOG_FOLD_MAX is dropped and "…" ends it.
 */
struct log_fold {
	char text[LOG_FOLD_MAX]; /* NUL-terminated */
	size_t len;
	enum log_level level; /* LOG_DEBUG while empty */
	int count;	      /* messages folded */
	int cut;	      /* text was cut */
};

/* Empties f; NULL is a no-op. */
void log_fold_init(struct log_fold *f);
/*
 * Makes this thread's messages go into f (initialised) until
 * log_fold_end; f must stay valid until then.  Another thread may take
 * over f afterwards (one thread at a time).
 */
void log_fold_begin(struct log_fold *f);
/* This thread's messages go to stderr again. */
void log_fold_end(void);

#endif
