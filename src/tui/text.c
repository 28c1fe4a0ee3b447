/* SPDX-License-Identifier: MIT */
/* Editing and validating short typed texts, character by character. */
#include "text.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "tui.h"

#define TEXT_NAME_MAX  100
#define TEXT_EMAIL_MAX 254

bool text_is_char(int key)
{
	return key >= 0x20 && key != 0x7f && key < TK_FN_BASE &&
	       iswprint((wint_t)key);
}

size_t text_insert(char *s, size_t size, size_t at, int key)
{
	char enc[MB_LEN_MAX];
	mbstate_t st;
	size_t len = strlen(s), n;

	memset(&st, 0, sizeof(st));
	n = wcrtomb(enc, (wchar_t)key, &st);
	if (n == (size_t)-1 || len + n >= size || at > len)
		return at;

	memmove(s + at + n, s + at, len - at + 1);
	memcpy(s + at, enc, n);
	return at + n;
}

void text_push(char *s, size_t size, int key)
{
	text_insert(s, size, strlen(s), key);
}

/* True when byte @c continues a UTF-8 character. */
static bool text_continues(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

size_t text_prev(const char *s, size_t at)
{
	while (at > 0) {
		at--;
		if (!text_continues((unsigned char)s[at]))
			break;
	}
	return at;
}

size_t text_next(const char *s, size_t at)
{
	if (s[at] == '\0')
		return at;
	at++;
	while (s[at] != '\0' && text_continues((unsigned char)s[at]))
		at++;
	return at;
}

size_t text_erase(char *s, size_t at)
{
	size_t from = text_prev(s, at);

	memmove(s + from, s + at, strlen(s + at) + 1);
	return from;
}

void text_pop(char *s)
{
	text_erase(s, strlen(s));
}

void text_trim(char *s)
{
	size_t len = strlen(s), start = 0;

	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	while (isspace((unsigned char)s[start]))
		start++;
	memmove(s, s + start, len - start + 1);
}

const char *text_check_name(const char *s)
{
	size_t chars = mbstowcs(NULL, s, 0);
	size_t i;

	if (chars == (size_t)-1)
		return "is not valid text";
	if (chars == 0)
		return "cannot be empty";
	if (chars > TEXT_NAME_MAX)
		return "is longer than 100 characters";
	for (i = 0; s[i] != '\0'; i++)
		if (iscntrl((unsigned char)s[i]))
			return "has a control character";
	if (isspace((unsigned char)s[0]) ||
	    isspace((unsigned char)s[strlen(s) - 1]))
		return "starts or ends with a space";
	return NULL;
}

const char *text_check_email(const char *s)
{
	const char *at = strchr(s, '@');
	size_t i;

	if (s[0] == '\0')
		return "is empty";
	if (strlen(s) > TEXT_EMAIL_MAX)
		return "is longer than 254 characters";
	for (i = 0; s[i] != '\0'; i++)
		if (isspace((unsigned char)s[i]) ||
		    iscntrl((unsigned char)s[i]))
			return "has a space in it";
	if (at == NULL || at == s || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL)
		return "is not local@domain";
	return NULL;
}

void text_time(char out[32], time_t when)
{
	struct tm tm;

	if (when == 0 || gmtime_r(&when, &tm) == NULL) {
		snprintf(out, 32, "never");
		return;
	}
	strftime(out, 32, "%Y-%m-%d %H:%M UTC", &tm);
}
