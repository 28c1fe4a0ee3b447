/* SPDX-License-Identifier: MIT */
/* Conversions between Unix seconds and RFC 3339 text. */
#include "stamp.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t stamp_now(void)
{
	return (int64_t)time(NULL);
}

void stamp_format(char out[STAMP_SIZE], int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, STAMP_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, STAMP_SIZE, "1970-01-01T00:00:00Z");
}

/* Parses the zone at @s ("Z", "+HH:MM" or "-HH:MM") into seconds east. */
static int stamp_zone(long *east, const char *s)
{
	int hh, mm, used = 0;

	if ((s[0] == 'Z' || s[0] == 'z') && s[1] == '\0') {
		*east = 0;
		return 0;
	}
	if (s[0] != '+' && s[0] != '-')
		return -1;
	if (sscanf(s + 1, "%2d:%2d%n", &hh, &mm, &used) != 2 ||
	    s[1 + used] != '\0' || hh > 23 || mm > 59)
		return -1;

	*east = (hh * 3600L + mm * 60L) * (s[0] == '-' ? -1 : 1);
	return 0;
}

int stamp_parse(int64_t *out, const char *text)
{
	struct tm tm;
	const char *rest;
	long east;

	memset(&tm, 0, sizeof(tm));
	rest = strptime(text, "%Y-%m-%dT%H:%M:%S", &tm);
	if (rest == NULL || strlen(text) < 19)
		return -1;

	if (*rest == '.') {
		rest++;
		while (isdigit((unsigned char)*rest))
			rest++;
	}
	if (stamp_zone(&east, rest) < 0)
		return -1;

	*out = (int64_t)timegm(&tm) - east;
	return 0;
}
