/* SPDX-License-Identifier: MIT */
/*
 * The log sink.  One mutex guards the stream so that orgdeckd's worker
 * threads write whole lines.
 */
#include "orgdeck/log.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "orgdeck/token.h"

#define LOG_LINE_MAX 2048

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *log_stream;
static bool log_owned;
static enum log_level log_max = LOG_LEVEL_INFO;

static const char *const log_names[] = { "error", "warn", "info", "debug" };

void log_set_stream(FILE *stream, enum log_level level)
{
	pthread_mutex_lock(&log_lock);
	if (log_owned && log_stream != NULL)
		fclose(log_stream);
	log_stream = stream;
	log_owned = false;
	log_max = level;
	pthread_mutex_unlock(&log_lock);
}

int log_open(const char *path, enum log_level level)
{
	FILE *stream;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	stream = fdopen(fd, "a");
	if (stream == NULL) {
		close(fd);
		return -1;
	}

	log_set_stream(stream, level);
	pthread_mutex_lock(&log_lock);
	log_owned = true;
	pthread_mutex_unlock(&log_lock);
	return 0;
}

void log_close(void)
{
	log_set_stream(NULL, LOG_LEVEL_ERROR);
}

int log_level_parse(enum log_level *out, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(log_names) / sizeof(log_names[0]); i++) {
		if (name != NULL && strcmp(name, log_names[i]) == 0) {
			*out = (enum log_level)i;
			return 0;
		}
	}
	return -1;
}

/* Length of a token-shaped run at @s ("odk_xyz_" then base62), or 0. */
static size_t log_token_run(const char *s)
{
	size_t n = 8;

	if (strncmp(s, "odk_", 4) != 0 || s[7] != '_')
		return 0;
	while ((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'A' && s[n] <= 'Z') ||
	       (s[n] >= 'a' && s[n] <= 'z'))
		n++;
	return n > 12 ? n : 0;
}

/* Appends @piece to @out if it fits; counts its length either way. */
static void log_put(char *out, size_t size, size_t *pos, const char *piece,
		    size_t n)
{
	if (*pos < size) {
		size_t room = size - 1 - *pos;

		memcpy(out + *pos, piece, n < room ? n : room);
	}
	*pos += n;
}

size_t log_scrub(char *out, size_t size, const char *in)
{
	size_t pos = 0;

	while (*in != '\0') {
		unsigned char c = (unsigned char)*in;
		size_t run = log_token_run(in);
		char tmp[TOKEN_REDACTED_SIZE];

		if (run > 0) {
			char token[TOKEN_SIZE];
			size_t n = run < TOKEN_LEN ? run : TOKEN_LEN;

			memcpy(token, in, n);
			token[n] = '\0';
			token_redact(tmp, token);
			log_put(out, size, &pos, tmp, strlen(tmp));
			in += run;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			snprintf(tmp, sizeof(tmp), "\\x%02x", c);
			log_put(out, size, &pos, tmp, 4);
		} else {
			log_put(out, size, &pos, in, 1);
		}
		in++;
	}
	if (size > 0)
		out[pos < size ? pos : size - 1] = '\0';
	return pos;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	char raw[LOG_LINE_MAX], line[LOG_LINE_MAX], stamp[32];
	struct tm tm;
	time_t now;
	va_list ap;
	int saved = errno;
	bool on;

	pthread_mutex_lock(&log_lock);
	on = log_stream != NULL && level <= log_max;
	pthread_mutex_unlock(&log_lock);
	if (!on)
		return;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	log_scrub(line, sizeof(line), raw);
	sodium_memzero(raw, sizeof(raw));

	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);

	pthread_mutex_lock(&log_lock);
	if (log_stream != NULL) {
		fprintf(log_stream, "%s %s %s\n", stamp, log_names[level],
			line);
		fflush(log_stream);
	}
	pthread_mutex_unlock(&log_lock);
	errno = saved;
}
