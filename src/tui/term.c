/* SPDX-License-Identifier: MIT */
/* Terminal setup for curses, signal handling, and the guaranteed restore. */
#include "term.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

/* The escape delay: long enough for a slow SSH link to deliver a whole
 * escape sequence, short enough that Esc feels immediate. */
#define TERM_ESC_DELAY_MS 25
#define TERM_RESTORE_MAX  256

/* Set by the handlers.  Quitting is for good, so that flag stays set. */
static volatile sig_atomic_t term_quit_flag;
static volatile sig_atomic_t term_resize_flag;
static int term_pipe[2] = { -1, -1 };
static struct termios term_saved;
static volatile sig_atomic_t term_active;
static SCREEN *term_screen;
static bool term_mouse;

/* What a crash writes to put the screen back; built while curses runs,
 * written by the crash handler with write(2) alone. */
static char term_restore[TERM_RESTORE_MAX];
static size_t term_restore_len;

static const int term_crash_signals[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE,
					  SIGILL };

static void term_wake(void)
{
	int saved = errno;
	char c = 0;

	if (term_pipe[1] >= 0 && write(term_pipe[1], &c, 1) < 0)
		c = 1; /* full pipe: the loop wakes anyway */
	errno = saved;
}

static void term_on_quit(int sig)
{
	(void)sig;
	term_quit_flag = 1;
	term_wake();
}

static void term_on_winch(int sig)
{
	(void)sig;
	term_resize_flag = 1;
	term_wake();
}

/* Restores the terminal with async-signal-safe calls, then dies of @sig. */
static void term_on_crash(int sig)
{
	if (term_active) {
		if (write(STDOUT_FILENO, term_restore, term_restore_len) < 0)
			term_active = 0;
		tcsetattr(STDIN_FILENO, TCSANOW, &term_saved);
		term_active = 0;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void term_handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void term_install_handlers(void)
{
	size_t i;

	term_handle(SIGINT, term_on_quit, 0);
	term_handle(SIGTERM, term_on_quit, 0);
	term_handle(SIGHUP, term_on_quit, 0);
	term_handle(SIGWINCH, term_on_winch, SA_RESTART);
	term_handle(SIGPIPE, SIG_IGN, 0);
	for (i = 0; i < sizeof(term_crash_signals) / sizeof(int); i++)
		term_handle(term_crash_signals[i], term_on_crash,
			    SA_RESETHAND | SA_NODEFER);
}

/* Appends terminfo capability @cap to the crash restore string. */
static void term_restore_add(const char *cap)
{
	const char *s = tigetstr(cap);
	size_t len;

	if (s == NULL || s == (char *)-1)
		return;
	len = strlen(s);
	if (term_restore_len + len >= sizeof(term_restore))
		return;
	memcpy(term_restore + term_restore_len, s, len);
	term_restore_len += len;
}

static void term_restore_build(void)
{
	static const char mouse_off[] = "\033[?1000l\033[?1002l\033[?1006l";

	term_restore_len = 0;
	term_restore_add("sgr0");
	term_restore_add("cnorm");
	term_restore_add("rmkx");
	if (term_mouse &&
	    term_restore_len + sizeof(mouse_off) < sizeof(term_restore)) {
		memcpy(term_restore + term_restore_len, mouse_off,
		       sizeof(mouse_off) - 1);
		term_restore_len += sizeof(mouse_off) - 1;
	}
	term_restore_add("rmcup");
}

static int term_open_pipe(char *err, size_t errlen)
{
	int i;

	if (pipe(term_pipe) < 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < 2; i++) {
		fcntl(term_pipe[i], F_SETFL, O_NONBLOCK);
		fcntl(term_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	return 0;
}

static void term_setup_curses(const struct term_options *opt)
{
	set_escdelay(TERM_ESC_DELAY_MS);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(1);

	term_mouse = opt->mouse;
	if (term_mouse) {
		mousemask(ALL_MOUSE_EVENTS, NULL);
		mouseinterval(0);
	}
}

int term_init(const struct term_options *opt, char *err, size_t errlen)
{
	const char *name = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errlen,
			 "standard input and output must be a "
			 "terminal");
		return -1;
	}
	if (tcgetattr(STDIN_FILENO, &term_saved) < 0) {
		snprintf(err, errlen, "tcgetattr: %s", strerror(errno));
		return -1;
	}
	if (term_open_pipe(err, errlen) < 0)
		return -1;
	term_install_handlers();

	term_screen = newterm(NULL, stdout, stdin);
	if (term_screen == NULL) {
		snprintf(err, errlen, "cannot use terminal type \"%s\"",
			 name != NULL ? name : "");
		return -1;
	}
	term_setup_curses(opt);
	term_restore_build();
	term_active = 1;
	return 0;
}

void term_shutdown(void)
{
	if (!term_active)
		return;
	term_active = 0;

	/* Wipe what was shown, for terminals without an alternate screen. */
	erase();
	refresh();
	if (term_mouse)
		mousemask(0, NULL);
	endwin();
	delscreen(term_screen);
	term_screen = NULL;
	tcsetattr(STDIN_FILENO, TCSANOW, &term_saved);
	fflush(stdout);
}

int term_signal_fd(void)
{
	return term_pipe[0];
}

int term_signals(void)
{
	char drain[64];
	int got = 0;

	while (read(term_pipe[0], drain, sizeof(drain)) > 0)
		continue;
	if (term_quit_flag)
		got |= TERM_SIG_QUIT;
	if (term_resize_flag) {
		term_resize_flag = 0;
		got |= TERM_SIG_RESIZE;
	}
	return got;
}

void term_resize(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0 || ws.ws_row == 0 ||
	    ws.ws_col == 0)
		return;
	resizeterm(ws.ws_row, ws.ws_col);
}
