/* SPDX-License-Identifier: MIT */
/*
 * Fixed-window request counting.  The table is emptied when the minute
 * changes, so its size is bounded by the principals active in one minute.
 */
#include "ratelimit.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ids.h"

#define RATELIMIT_BUCKETS 1024
#define RATELIMIT_WINDOW  60

struct ratelimit_entry {
	struct ratelimit_entry *next;
	char who[ID_SIZE];
	unsigned int count;
};

static pthread_mutex_t ratelimit_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ratelimit_entry *ratelimit_table[RATELIMIT_BUCKETS];
static int64_t ratelimit_window = -1;

/* FNV-1a, enough to spread principal ids over the buckets. */
static size_t ratelimit_bucket(const char *who)
{
	uint32_t h = 2166136261u;

	for (; *who != '\0'; who++)
		h = (h ^ (unsigned char)*who) * 16777619u;
	return h % RATELIMIT_BUCKETS;
}

/* Frees every entry; the caller holds the lock. */
static void ratelimit_clear(void)
{
	size_t i;

	for (i = 0; i < RATELIMIT_BUCKETS; i++) {
		while (ratelimit_table[i] != NULL) {
			struct ratelimit_entry *e = ratelimit_table[i];

			ratelimit_table[i] = e->next;
			free(e);
		}
	}
}

/* The entry for @who, made when missing; NULL when out of memory. */
static struct ratelimit_entry *ratelimit_entry(const char *who)
{
	size_t b = ratelimit_bucket(who);
	struct ratelimit_entry *e;

	for (e = ratelimit_table[b]; e != NULL; e = e->next)
		if (strcmp(e->who, who) == 0)
			return e;

	e = calloc(1, sizeof(*e));
	if (e == NULL)
		return NULL;
	ids_copy(e->who, who);
	e->next = ratelimit_table[b];
	ratelimit_table[b] = e;
	return e;
}

int ratelimit_take(const char *who, unsigned int limit,
		   unsigned int *retry_after)
{
	int64_t now = (int64_t)time(NULL);
	int64_t window = now / RATELIMIT_WINDOW;
	struct ratelimit_entry *e;
	int ret = 0;

	if (limit == 0)
		return 0;

	pthread_mutex_lock(&ratelimit_lock);
	if (window != ratelimit_window) {
		ratelimit_clear();
		ratelimit_window = window;
	}
	e = ratelimit_entry(who);
	if (e != NULL && e->count >= limit) {
		*retry_after =
			(unsigned int)((window + 1) * RATELIMIT_WINDOW - now);
		ret = -1;
	} else if (e != NULL) {
		e->count++;
	}
	pthread_mutex_unlock(&ratelimit_lock);
	return ret;
}

void ratelimit_reset(void)
{
	pthread_mutex_lock(&ratelimit_lock);
	ratelimit_clear();
	ratelimit_window = -1;
	pthread_mutex_unlock(&ratelimit_lock);
}
