/* SPDX-License-Identifier: MIT */
/*
 * Times the core operations that sit on hot paths: the permission lookup
 * (the server asks it on every request, the console for every footer
 * entry it draws), the offline token check, and log scrubbing.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "orgdeck/log.h"
#include "orgdeck/perm.h"
#include "orgdeck/token.h"

static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void bench_report(const char *what, long n, double secs)
{
	printf("%-28s %10ld ops  %8.1f ns/op\n", what, n, secs * 1e9 / n);
}

static void bench_perm(void)
{
	volatile unsigned int hits = 0;
	long n = 0, i;
	double t0 = bench_now();

	for (i = 0; i < 2000000; i++) {
		enum perm p = (enum perm)(i % PERM__COUNT);
		enum role r = (enum role)(1 + i % (ROLE__COUNT - 1));

		hits += perm_allows((enum scope)(i & 1), r, p);
		n++;
	}
	bench_report("perm_allows", n, bench_now() - t0);
}

static void bench_token(void)
{
	char tok[TOKEN_SIZE];
	enum token_kind kind;
	long i, n = 200000;
	double t0;

	token_generate(tok, TOKEN_PERSONAL);
	t0 = bench_now();
	for (i = 0; i < n; i++)
		token_check(&kind, tok);
	bench_report("token_check", n, bench_now() - t0);

	t0 = bench_now();
	for (i = 0; i < n / 10; i++)
		token_generate(tok, TOKEN_ORG_KEY);
	bench_report("token_generate", n / 10, bench_now() - t0);
	sodium_memzero(tok, sizeof(tok));
}

static void bench_scrub(void)
{
	char in[512], out[1024];
	long i, n = 200000;
	double t0;

	memset(in, 'x', sizeof(in) - 1);
	in[sizeof(in) - 1] = '\0';
	t0 = bench_now();
	for (i = 0; i < n; i++)
		log_scrub(out, sizeof(out), in);
	bench_report("log_scrub (511 bytes)", n, bench_now() - t0);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;

	bench_perm();
	bench_token();
	bench_scrub();
	return 0;
}
