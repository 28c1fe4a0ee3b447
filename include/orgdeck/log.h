/* SPDX-License-Identifier: MIT */
/*
 * Logging for both programs.  orgdeckd logs to stderr; the console logs to a
 * file only when asked, because curses owns the terminal.
 *
 * Every line passes through log_scrub(): control characters are escaped and
 * anything shaped like an orgdeck token is cut down to its redacted form, so
 * a careless caller still cannot put a secret in a log.  Safe to call from
 * several threads at once.
 */
#ifndef ORGDECK_LOG_H
#define ORGDECK_LOG_H

#include <stdio.h>

enum log_level {
	LOG_LEVEL_ERROR = 0,
	LOG_LEVEL_WARN,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG
};

/*
 * Sends lines at @level or more severe to @stream, which stays the
 * caller's (log_close() does not close it).  NULL turns logging off.
 */
void log_set_stream(FILE *stream, enum log_level level);

/*
 * Opens @path for appending, mode 0600, and logs there.  Returns 0, or -1
 * with errno set.
 */
int log_open(const char *path, enum log_level level);

/* Stops logging and closes a file opened by log_open(). */
void log_close(void);

/* Parses "error", "warn", "info" or "debug".  Returns 0, or -1. */
int log_level_parse(enum log_level *out, const char *name);

void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)

/*
 * Writes @in to @out (capacity @size, always NUL-terminated) with control
 * characters escaped as \xNN and tokens redacted.  Returns the length @out
 * would have needed, like snprintf.
 */
size_t log_scrub(char *out, size_t size, const char *in);

#endif
