/* SPDX-License-Identifier: MIT */
/*
 * Editing and checking short texts typed into the console: filter lines,
 * form fields, the palette.  Texts are NUL-terminated in the locale's
 * encoding (UTF-8 in practice) and live in buffers the caller owns; byte
 * offsets always fall between whole characters.
 */
#ifndef ORGDECK_TUI_TEXT_H
#define ORGDECK_TUI_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* True when @key is a character one can type (not a control or key code). */
bool text_is_char(int key);

/* Inserts character @key at byte @at of @s (capacity @size).  Returns the
 * offset after it, or @at when it does not fit. */
size_t text_insert(char *s, size_t size, size_t at, int key);

/* Appends character @key; as text_insert(). */
void text_push(char *s, size_t size, int key);

/* Deletes the character before byte @at.  Returns the new offset. */
size_t text_erase(char *s, size_t at);

/* Deletes the last character. */
void text_pop(char *s);

/* The offset of the character before / after byte @at. */
size_t text_prev(const char *s, size_t at);
size_t text_next(const char *s, size_t at);

/* Writes @when as "2026-12-03 17:40 UTC", or "never" when 0. */
void text_time(char out[32], time_t when);

/* Removes leading and trailing white space in place. */
void text_trim(char *s);

/* Checks a name as the API does: 1-100 printable characters, trimmed.
 * Returns NULL, or why not (a static string). */
const char *text_check_name(const char *s);

/* Checks an email address as the API does.  Returns NULL or why not. */
const char *text_check_email(const char *s);

#endif
