/* SPDX-License-Identifier: MIT */
/*
 * Themes: the colours and attributes of each part of the screen, read from
 * an INI file (themes/NAME.ini) and degraded to what the terminal has:
 * 256, 16 or 8 colours, or none.
 *
 * A theme adds colour and emphasis; the meaning-bearing attributes stay
 * whatever the theme says: a selected row is always reverse, a greyed
 * action always dim, so that both show on a monochrome terminal and in
 * script dumps.  Nothing here allocates after theme_load() returns.
 */
#ifndef ORGDECK_TUI_THEME_H
#define ORGDECK_TUI_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

/* The parts of the screen a theme styles.  Keep theme_keys[] in step. */
enum theme_el {
	THEME_NORMAL = 0,
	THEME_HEADER,
	THEME_BORDER,
	THEME_BORDER_FOCUS,
	THEME_TITLE,
	THEME_TITLE_FOCUS,
	THEME_TAB,
	THEME_TAB_ACTIVE,
	THEME_SELECTED,
	THEME_SELECTED_IDLE,
	THEME_DISABLED,
	THEME_KEY,
	THEME_FOOTER,
	THEME_STATUS_INFO,
	THEME_STATUS_OK,
	THEME_STATUS_WARN,
	THEME_STATUS_ERROR,
	THEME_DIALOG,
	THEME_INPUT,
	THEME_LABEL,
	THEME_ACCENT,
	THEME__COUNT
};

/*
 * Loads theme @name: a path when it contains '/', else NAME.ini from the
 * user's themes folder ($XDG_CONFIG_HOME/orgdeck/themes) or the installed
 * ones.  The built-in default applies when @name is NULL.  Returns 0, or -1
 * with a reason in @err; the theme in force is then unchanged.
 */
int theme_load(const char *name, char *err, size_t errlen);

/* Forces the monochrome theme (NO_COLOR, or a terminal without colour). */
void theme_force_mono(bool mono);

/* Sets up colour pairs for the loaded theme.  Needs curses running. */
void theme_apply(void);

/* The attributes (colour pair included) of @el. */
attr_t theme_attr(enum theme_el el);

/* The name of the theme in force. */
const char *theme_name(void);

/*
 * Calls @fn with the name of every installed or user theme, for the
 * palette's completion; @fn returns false to stop.
 */
void theme_list(bool (*fn)(const char *name, void *ctx), void *ctx);

#endif
