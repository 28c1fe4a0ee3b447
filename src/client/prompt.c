/* SPDX-License-Identifier: MIT */
/* Hidden line input at a terminal, or one line from a pipe. */
#include "orgdeck/prompt.h"

#include <errno.h>
#include <fcntl.h>
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
		ssize_t n = read(fd, &c, 1);

		if (n < 0 && errno == EINTR && !prompt_interrupted)
			continue;
		if (n < 0 && errno == EINTR)
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

/* Catches the usual signals, without SA_RESTART, so read() returns. */
static void prompt_catch(struct sigaction saved[PROMPT_NSIGNALS])
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = prompt_on_signal;
	sigemptyset(&sa.sa_mask);
	prompt_interrupted = 0;
	for (i = 0; i < PROMPT_NSIGNALS; i++)
		sigaction(prompt_signals[i], &sa, &saved[i]);
}

static void prompt_uncatch(const struct sigaction saved[PROMPT_NSIGNALS])
{
	size_t i;

	for (i = 0; i < PROMPT_NSIGNALS; i++)
		sigaction(prompt_signals[i], &saved[i], NULL);
}

/* Asks at the terminal @fd with echo off. */
static ssize_t prompt_hidden(char *out, size_t size, const char *question,
			     int fd)
{
	struct sigaction saved[PROMPT_NSIGNALS];
	struct termios old, quiet;
	ssize_t len;
	int saved_errno;

	if (tcgetattr(fd, &old) < 0)
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
	quiet.c_lflag |= ECHONL;

	prompt_catch(saved);
	if (question != NULL && write(fd, question, strlen(question)) < 0) {
		prompt_uncatch(saved);
		return -1;
	}
	tcsetattr(fd, TCSAFLUSH, &quiet);

	len = prompt_read_line(out, size, fd);

	saved_errno = errno;
	tcsetattr(fd, TCSAFLUSH, &old);
	prompt_uncatch(saved);
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
