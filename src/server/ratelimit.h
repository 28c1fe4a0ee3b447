/* SPDX-License-Identifier: MIT */
/*
 * Requests per principal per minute, counted in memory in fixed one-minute
 * windows.  Safe to call from every worker thread.
 */
#ifndef ORGDECKD_RATELIMIT_H
#define ORGDECKD_RATELIMIT_H

/*
 * Counts one request by @who against @limit per minute (0: no limit).
 * Returns 0 when allowed, or -1 when over the limit, with *@retry_after
 * set to the seconds until the window ends.
 */
int ratelimit_take(const char *who, unsigned int limit,
		   unsigned int *retry_after);

/* Forgets every count (at shutdown, and for a fresh start). */
void ratelimit_reset(void);

#endif
