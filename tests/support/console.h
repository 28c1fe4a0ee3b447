/* SPDX-License-Identifier: MIT */
/*
 * Test fixture: the real orgdeck console in a pseudo-terminal, driven by a
 * script (ORGDECK_SCRIPT, see src/tui/script.h), and the screen dumps it
 * writes, parsed.
 *
 * Every run gets a temporary directory: the script, the dumps, the
 * console's standard error (stderr.log) and its config and state homes
 * live there.  "$DIR" in a script stands for that directory.
 *
 * The path of the orgdeck binary comes from the ORGDECK environment
 * variable, or from the ORGDECK_PATH the build compiles in.  A struct
 * console owns its directory, pty and output; console_release() frees
 * them and removes the directory.
 */
#ifndef ORGDECK_TEST_CONSOLE_H
#define ORGDECK_TEST_CONSOLE_H

#include <stdbool.h>
#include <sys/types.h>
#include <termios.h>

#include "orgdeck/buf.h"

struct console_opts {
	const char *server_url; /* --server */
	const char *token;	/* ORGDECK_TOKEN, or NULL */
	const char *script;	/* text of the script; NULL: no script mode */
	const char *config; /* text of config.ini ("$DIR" replaced), or NULL */
	const char *const *args; /* more arguments, NULL-terminated */
	const char *const *env;	 /* more "NAME=value", NULL-terminated */
	const char *term;	 /* TERM; NULL: xterm-256color */
	int rows, cols;		 /* 0: 40 by 120 */
	int timeout_ms;		 /* for console_wait(); 0: 60 s */
};

struct console {
	char dir[256];
	pid_t pid;	      /* 0 once reaped */
	int master;	      /* the pty, -1 when closed */
	int status;	      /* wait status once reaped */
	struct buf output;    /* all the console wrote to the terminal */
	struct termios after; /* the pty's modes when the console ended */
	bool have_after;
	int timeout_ms;
};

/* Starts the console.  Returns 0, or -1 after printing why. */
int console_start(struct console *c, const struct console_opts *opts);

/*
 * Reads what the console writes for up to @ms milliseconds (so that it
 * never blocks on a full pty).  Returns 1 when it has ended, else 0.
 */
int console_pump(struct console *c, int ms);

/* Pumps until the file $DIR/@name exists.  Returns 0, or -1 on timeout
 * or when the console ended first. */
int console_wait_file(struct console *c, const char *name, int ms);

/* Creates the empty file $DIR/@name (the go of a script's "await"). */
int console_touch(struct console *c, const char *name);

/* Sends @sig to the console (only this child).  Returns kill()'s answer. */
int console_signal(struct console *c, int sig);

/*
 * Pumps until the console ends (killing it with SIGKILL after the
 * timeout), reads the pty's modes and reaps it.  Returns 0 when it exited
 * with status 0, else -1 after printing the status and its stderr.
 */
int console_wait(struct console *c);

/* Starts, then waits: the usual way to run a script. */
int console_run(struct console *c, const struct console_opts *opts);

/* "$DIR/@name" in @out (PATH_MAX bytes). */
void console_path(const struct console *c, char *out, const char *name);

/* The whole of $DIR/@name, e.g. "stderr.log"; caller frees; NULL when
 * it cannot be read. */
char *console_read(const struct console *c, const char *name);

/* Kills the console if still running and removes the directory. */
void console_release(struct console *c);

/* A screen dump (src/tui/dump.h): each row's characters and attributes. */
struct console_dump {
	int rows;
	char **text;  /* UTF-8 */
	char **attrs; /* one letter per character of text */
};

/* Reads $DIR/@name.  Returns 0, or -1 after printing why. */
int console_dump_load(struct console_dump *d, const struct console *c,
		      const char *name);

/* Frees what @d holds. */
void console_dump_release(struct console_dump *d);

/*
 * Finds @needle on row @row (or any row when -1), at or after column
 * @from.  Returns true and sets *@row_out and *@col (in characters).
 */
bool console_dump_find(const struct console_dump *d, const char *needle,
		       int row, int *row_out, int *col);

/* True when @needle appears anywhere on the screen. */
bool console_dump_has(const struct console_dump *d, const char *needle);

/*
 * The attribute letter of the first character of @needle's first match
 * on @row (-1: any row), or '?' when there is none.
 */
char console_dump_attr(const struct console_dump *d, const char *needle,
		       int row);

/* The row (0-based) holding @needle, or -1. */
int console_dump_row_of(const struct console_dump *d, const char *needle);

/* Prints the dump's text to stderr, for failing tests. */
void console_dump_print(const struct console_dump *d);

#endif
