/* SPDX-License-Identifier: MIT */
/*
 * `orgdeckd serve`: parses the serving options, starts the HTTP server,
 * announces its URL in the ready file, and waits for SIGTERM or SIGINT.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "orgdeck/log.h"

#include "httpd.h"
#include "ratelimit.h"

#define SERVE_URL_SIZE	     300
#define SERVE_THREADS	     4
#define SERVE_THREADS_MAX    256
#define SERVE_RATE_LIMIT     600
#define SERVE_MAX_BODY	     ((size_t)1 << 20)
#define SERVE_MAX_BODY_LIMIT ((size_t)1 << 30)

struct serve_opts {
	struct httpd_config http;
	const char *ready_file;
};

/* Parses a whole number in [@min, @max] for option @name. */
static int serve_number(unsigned long long *out, const char *text,
			const char *name, unsigned long long min,
			unsigned long long max)
{
	char *end;

	errno = 0;
	*out = strtoull(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || text[0] == '-' ||
	    *out < min || *out > max) {
		fprintf(stderr,
			"orgdeckd: %s wants a number from %llu to "
			"%llu\n",
			name, min, max);
		return -1;
	}
	return 0;
}

/* Applies one parsed option; -1 on a bad value. */
static int serve_option(struct serve_opts *o, int opt, const char *arg)
{
	unsigned long long n = 0;

	switch (opt) {
	case 'l':
		o->http.listen = arg;
		return 0;
	case 'r':
		o->ready_file = arg;
		return 0;
	case 'c':
		o->http.tls_cert = arg;
		return 0;
	case 'k':
		o->http.tls_key = arg;
		return 0;
	case 't':
		if (serve_number(&n, arg, "--threads", 1, SERVE_THREADS_MAX) <
		    0)
			return -1;
		o->http.threads = (unsigned int)n;
		return 0;
	case 'R':
		if (serve_number(&n, arg, "--rate-limit", 0, 1000000) < 0)
			return -1;
		o->http.rate_limit = (unsigned int)n;
		return 0;
	case 'b':
		if (serve_number(&n, arg, "--max-body", 1,
				 SERVE_MAX_BODY_LIMIT) < 0)
			return -1;
		o->http.max_body = (size_t)n;
		return 0;
	default:
		return -1;
	}
}

static int serve_parse(struct serve_opts *o, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "ready-file", required_argument, NULL, 'r' },
		{ "threads", required_argument, NULL, 't' },
		{ "tls-cert", required_argument, NULL, 'c' },
		{ "tls-key", required_argument, NULL, 'k' },
		{ "rate-limit", required_argument, NULL, 'R' },
		{ "max-body", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	memset(o, 0, sizeof(*o));
	o->http.listen = "127.0.0.1:8420";
	o->http.threads = SERVE_THREADS;
	o->http.rate_limit = SERVE_RATE_LIMIT;
	o->http.max_body = SERVE_MAX_BODY;

	optind = 1;
	for (;;) {
		opt = getopt_long(argc, argv, "", longs, NULL);
		if (opt == -1)
			break;
		if (serve_option(o, opt, optarg) < 0)
			return -1;
	}
	return optind == argc ? 0 : -1;
}

/*
 * Writes @url and a newline to @path through a temporary file and a
 * rename, so that a reader never sees half of it.
 */
static int serve_ready(const char *path, const char *url)
{
	char tmp[PATH_MAX];
	FILE *f;
	int n = snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());

	if (n < 0 || (size_t)n >= sizeof(tmp))
		return -1;
	f = fopen(tmp, "w");
	if (f == NULL)
		return -1;
	n = fprintf(f, "%s\n", url);
	if (fclose(f) != 0 || n < 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* Blocks the stop signals in every thread; the main thread waits. */
static void serve_block(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	pthread_sigmask(SIG_BLOCK, set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static int serve_wait(const sigset_t *set)
{
	int sig = 0;

	while (sigwait(set, &sig) != 0)
		;
	log_info("signal %d: stopping", sig);
	return 0;
}

int serve_main(const struct cli *cli, int argc, char **argv)
{
	char url[SERVE_URL_SIZE];
	struct serve_opts o;
	struct httpd *h = NULL;
	sigset_t set;
	int ret = 1;

	if (serve_parse(&o, argc, argv) < 0) {
		fprintf(stderr, "usage: orgdeckd serve [--listen HOST:PORT] "
				"[--ready-file FILE] [--threads N]\n"
				"  [--tls-cert FILE --tls-key FILE] "
				"[--rate-limit N] [--max-body BYTES]\n");
		return 2;
	}
	serve_block(&set);
	if (cli_open(cli, false) < 0)
		goto out;

	h = httpd_start(&o.http, url, sizeof(url));
	if (h == NULL)
		goto out;
	if (o.ready_file != NULL && serve_ready(o.ready_file, url) < 0) {
		log_error("cannot write %s: %s", o.ready_file, strerror(errno));
		goto out;
	}
	log_info("listening on %s with %u threads", url, o.http.threads);
	ret = serve_wait(&set);

out:
	httpd_stop(&h);
	ratelimit_reset();
	cli_close();
	return ret;
}
