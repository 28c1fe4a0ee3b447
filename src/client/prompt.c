/* SPDX-License-Identifier: MIT */
/* Hidden line input at a terminal, or one line from a pipe. */
#include "orgdeck/prompt.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

/* Set by the signal handler while echo is off: the read was interrupted. */
static volatile sig_atomic_t prompt_interrupted;

/* The signals that would otherwise leave the terminal without echo. */
static const int prompt_signals[] = { SIGINT, SIGQUIT, SIGTERM, SIGTSTP,
				      SIGHUP };
#define PROMPT_NSIGNALS (sizeof(prompt_signals) / sizeof(prompt_signals[0]))

static void prompt_on_signal(int sig)
{
	(void)sig;
	prompt_interrupted = 1;
}

int prompt_open_tty(void)
{
	return open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
}

/*
 * Reads bytes up to a line break, one at a time so that nothing past the
 * line is consumed.  Returns the length, or -1 with errno set.
 */
static ssize_t prompt_read_line(char *out, size_t size, int fd)
{
	bool overflow = false, newline = false;
	size_t len = 0;
	char c = 0;

	for (;;) {
		ssize_t n = prompt_interrupted ? -1 : read(fd, &c, 1);

		if (n < 0 && errno == EINTR && !prompt_interrupted)
			continue;
		if (prompt_interrupted)
			errno = ECANCELED;
		if (n < 0)
			return -1;
		newline = n == 1 && c == '\n';
		if (n == 0 || newline)
			break;
		if (len + 1 < size)
			out[len++] = c;
		else
			overflow = true;
	}
	c = 0;

	if (len > 0 && out[len - 1] == '\r')
		len--;
	out[len] = '\0';
	if (overflow) {
		sodium_memzero(out, size);
		errno = E2BIG;
		return -1;
	}
	if (len == 0 && !newline) {
		errno = ENODATA;
		return -1;
	}
	return (ssize_t)len;
}

/* What prompt_catch() changed, for prompt_uncatch() to put back. */
struct prompt_saved {
	struct sigaction actions[PROMPT_NSIGNALS];
	sigset_t mask;
};

/*
 * Catches the usual signals, without SA_RESTART so that read() returns,
 * and lets them through even if the process was started with them
 * blocked: while echo is off, an interrupt must end the prompt.
 */
static void prompt_catch(struct prompt_saved *saved)
{
	struct sigaction sa;
	sigset_t set;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = prompt_on_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&set);
	prompt_interrupted = 0;
	for (i = 0; i < PROMPT_NSIGNALS; i++) {
		sigaction(prompt_signals[i], &sa, &saved->actions[i]);
		sigaddset(&set, prompt_signals[i]);
	}
	pthread_sigmask(SIG_UNBLOCK, &set, &saved->mask);
}

static void prompt_uncatch(const struct prompt_saved *saved)
{
	size_t i;

	pthread_sigmask(SIG_SETMASK, &saved->mask, NULL);
	for (i = 0; i < PROMPT_NSIGNALS; i++)
		sigaction(prompt_signals[i], &saved->actions[i], NULL);
}

/* Asks at the terminal @fd with echo off. */
static ssize_t prompt_hidden(char *out, size_t size, const char *question,
			     int fd)
{
	struct prompt_saved saved;
	struct termios old, quiet;
	ssize_t len;
	int saved_errno;

	if (tcgetattr(fd, &old) < 0)
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
	quiet.c_lflag |= ECHONL;

	/* Echo goes off before the question shows, so that nothing typed
	 * after it is ever echoed. */
	prompt_catch(&saved);
	tcsetattr(fd, TCSAFLUSH, &quiet);
	if (question != NULL && write(fd, question, strlen(question)) < 0)
		len = -1;
	else
		len = prompt_read_line(out, size, fd);

	saved_errno = errno;
	tcsetattr(fd, TCSAFLUSH, &old);
	prompt_uncatch(&saved);
	if (prompt_interrupted && len < 0 && write(fd, "\n", 1) < 0)
		len = -1;
	errno = saved_errno;
	return len;
}

ssize_t prompt_secret(char *out, size_t size, const char *question, int fd)
{
	if (size == 0) {
		errno = E2BIG;
		return -1;
	}
	out[0] = '\0';

	if (isatty(fd))
		return prompt_hidden(out, size, question, fd);
	prompt_interrupted = 0;
	return prompt_read_line(out, size, fd);
}
