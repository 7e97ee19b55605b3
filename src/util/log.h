/*
 * Logging to stderr with a UTC timestamp and a level.  Internal error detail
 * goes here, never to an HTTP client.
 */
#ifndef SXSH_UTIL_LOG_H
#define SXSH_UTIL_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERR };

/* Messages below this level are dropped; LOG_INFO by default. */
void log_set_level(enum log_level lvl);
void log_msg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_err(...)  log_msg(LOG_ERR, __VA_ARGS__)

#endif
