/* SPDX-License-Identifier: MIT */
/*
 * Times orgdeckd over loopback.  Starts a real server on a free port of
 * 127.0.0.1 with a demo database in a temporary directory and no rate
 * limit, then keeps several connections busy with libcurl's multi
 * interface for each load in turn: GET /v1/me, a page of 100 secrets, and
 * creating a secret (with an Idempotency-Key, as the console sends).  Every
 * load is bounded in requests and in time, and the server is stopped at
 * the end.  Figures are printed, never judged.
 *
 *	bench_server [-c CONNECTIONS] [-n REQUESTS] [-t SECONDS] [-w THREADS]
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <sodium.h>

#include "orgdeck/buf.h"

#define BENCH_CONNECTIONS  16
#define BENCH_REQUESTS	   5000
#define BENCH_SECONDS	   20
#define BENCH_THREADS	   "4"
#define BENCH_SEED_SECRETS 150
#define BENCH_START_MS	   10000
#define BENCH_STOP_MS	   10000
#define BENCH_ANSWER_MAX   ((size_t)4 << 20)
#define BENCH_REQUEST_MS   10000L
#define BENCH_PATH_SIZE	   512
#define BENCH_TEXT_SIZE	   256

/* Set by SIGINT or SIGTERM: send nothing more, clean up, exit. */
static volatile sig_atomic_t bench_stopping;

/* What the command line asked for. */
struct bench_opts {
	int connections;
	long requests;
	double seconds;
	const char *threads;
};

/* The server this program started, and who it acts as. */
struct bench_server {
	char dir[BENCH_TEXT_SIZE];
	char db[BENCH_PATH_SIZE];
	char log[BENCH_PATH_SIZE];
	char url[BENCH_TEXT_SIZE];
	char token[BENCH_TEXT_SIZE]; /* the demo owner's; wiped at the end */
	char org[BENCH_TEXT_SIZE];   /* the demo's team organization */
	pid_t pid;		     /* 0 when not serving */
};

/* One kind of request, and how it went. */
struct bench_load {
	const char *name;   /* in the report */
	const char *tag;    /* in Idempotency-Keys and the secrets' names */
	const char *method; /* "GET" or "POST" (a new secret each) */
	char path[BENCH_PATH_SIZE];
	long expect;	/* the status every answer should have */
	long total;	/* requests to send at most */
	double seconds; /* and for at most this long */
	double *ms;	/* latency of each answer that came as expected */
	long done, failed;
	double wall;
	cJSON *first; /* the first such answer, parsed; NULL if none */
};

/* One connection and the request it has in flight. */
struct bench_slot {
	CURL *easy;
	struct curl_slist *headers;
	struct buf answer;
	char body[BENCH_TEXT_SIZE];
	bool busy;
};

static void bench_on_signal(int sig)
{
	(void)sig;
	bench_stopping = 1;
}

static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void bench_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static const char *bench_binary(void)
{
	const char *path = getenv("ORGDECKD");

	return path != NULL && *path != '\0' ? path : ORGDECKD_PATH;
}

/* In the child: runs @argv with standard error appended to @log. */
static void bench_exec(const char *const *argv, const char *log)
{
	int null = open("/dev/null", O_RDWR);
	int err = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);

	dup2(null, STDIN_FILENO);
	dup2(null, STDOUT_FILENO);
	dup2(err >= 0 ? err : null, STDERR_FILENO);
	execv(argv[0], (char *const *)argv);
	_exit(127);
}

/* Starts `orgdeckd --db DB ARGS...`.  Returns its pid, or -1. */
static pid_t bench_spawn(const struct bench_server *srv,
			 const char *const *args)
{
	const char *argv[16] = { bench_binary(), "--db", srv->db };
	size_t n = 3;
	pid_t pid;

	while (*args != NULL && n + 1 < sizeof(argv) / sizeof(argv[0]))
		argv[n++] = *args++;
	pid = fork();
	if (pid == 0)
		bench_exec(argv, srv->log);
	return pid;
}

/* Runs a command of orgdeckd to its end.  Returns 0 when it succeeded. */
static int bench_command(const struct bench_server *srv,
			 const char *const *args)
{
	pid_t pid = bench_spawn(srv, args);
	int status = 0;

	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	fprintf(stderr, "bench_server: orgdeckd %s failed; see %s\n", args[0],
		srv->log);
	return -1;
}

/* Reads the token of @email from the demo's tokens file. */
static int bench_read_token(struct bench_server *srv, const char *path,
			    const char *email)
{
	char line[BENCH_TEXT_SIZE * 2];
	size_t len = strlen(email), n;
	FILE *f = fopen(path, "r");
	int ret = -1;

	if (f == NULL)
		return -1;
	while (ret < 0 && fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, email, len) != 0 || line[len] != ' ')
			continue;
		n = strcspn(line + len + 1, "\n");
		if (n >= sizeof(srv->token))
			continue;
		memcpy(srv->token, line + len + 1, n);
		srv->token[n] = '\0';
		ret = 0;
	}
	sodium_memzero(line, sizeof(line));
	fclose(f);
	return ret;
}

/* Makes the directory, the database and the demo. */
static int bench_prepare(struct bench_server *srv)
{
	static const char *const init[] = { "init", NULL };
	char tokens[BENCH_PATH_SIZE];
	const char *seed[] = { "seed-demo", "--tokens-file", tokens, NULL };
	const char *tmp = getenv("TMPDIR");

	snprintf(srv->dir, sizeof(srv->dir), "%s/orgdeck-bench.XXXXXX",
		 tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(srv->dir) == NULL) {
		perror("bench_server: mkdtemp");
		srv->dir[0] = '\0';
		return -1;
	}
	snprintf(srv->db, sizeof(srv->db), "%s/orgdeckd.db", srv->dir);
	snprintf(srv->log, sizeof(srv->log), "%s/server.log", srv->dir);
	snprintf(tokens, sizeof(tokens), "%s/tokens", srv->dir);

	if (bench_command(srv, init) < 0 || bench_command(srv, seed) < 0)
		return -1;
	return bench_read_token(srv, tokens, "owner@demo.orgdeck.test");
}

/* Reads the URL from @path once the server has written it. */
static int bench_read_url(struct bench_server *srv, const char *path)
{
	FILE *f = fopen(path, "r");
	int ok;

	if (f == NULL)
		return -1;
	ok = fgets(srv->url, sizeof(srv->url), f) != NULL;
	fclose(f);
	srv->url[strcspn(srv->url, "\n")] = '\0';
	return ok && strncmp(srv->url, "http://127.0.0.1:", 17) == 0 ? 0 : -1;
}

/* Serves on a free loopback port and waits until it accepts requests. */
static int bench_serve(struct bench_server *srv, const char *threads)
{
	char ready[BENCH_PATH_SIZE];
	const char *args[] = { "serve",	      "--listen",
			       "127.0.0.1:0", "--ready-file",
			       ready,	      "--rate-limit",
			       "0",	      "--threads",
			       threads,	      NULL };
	int waited;

	snprintf(ready, sizeof(ready), "%s/ready", srv->dir);
	srv->pid = bench_spawn(srv, args);
	if (srv->pid < 0) {
		srv->pid = 0;
		return -1;
	}
	for (waited = 0; waited < BENCH_START_MS; waited += 20) {
		if (bench_read_url(srv, ready) == 0)
			return 0;
		if (waitpid(srv->pid, NULL, WNOHANG) == srv->pid) {
			srv->pid = 0;
			break;
		}
		bench_sleep_ms(20);
	}
	fprintf(stderr, "bench_server: the server did not start; see %s\n",
		srv->log);
	return -1;
}

static int bench_remove_entry(const char *path, const struct stat *sb, int type,
			      struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(path);
}

/* Stops the server this program started and removes its directory. */
static void bench_stop(struct bench_server *srv)
{
	int waited;

	if (srv->pid > 0) {
		kill(srv->pid, SIGTERM);
		for (waited = 0; waited < BENCH_STOP_MS; waited += 20) {
			if (waitpid(srv->pid, NULL, WNOHANG) == srv->pid)
				break;
			bench_sleep_ms(20);
		}
		if (waited >= BENCH_STOP_MS) {
			kill(srv->pid, SIGKILL);
			waitpid(srv->pid, NULL, 0);
		}
		srv->pid = 0;
	}
	if (srv->dir[0] != '\0')
		nftw(srv->dir, bench_remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	sodium_memzero(srv->token, sizeof(srv->token));
}

/* Wipes and frees a header list that carries the token. */
static void bench_headers_free(struct curl_slist **list)
{
	struct curl_slist *h;

	for (h = *list; h != NULL; h = h->next)
		sodium_memzero(h->data, strlen(h->data));
	curl_slist_free_all(*list);
	*list = NULL;
}

/* The headers of request @n of @load, as the console sends them. */
static struct curl_slist *bench_headers(const struct bench_server *srv,
					const struct bench_load *load, long n)
{
	char line[BENCH_TEXT_SIZE * 2];
	struct curl_slist *list = NULL;

	snprintf(line, sizeof(line), "Authorization: Bearer %s", srv->token);
	list = curl_slist_append(list, line);
	sodium_memzero(line, sizeof(line));
	if (strcmp(load->method, "POST") == 0) {
		snprintf(line, sizeof(line), "Idempotency-Key: %s-%ld",
			 load->tag, n);
		list = curl_slist_append(list, line);
		list = curl_slist_append(list,
					 "Content-Type: application/json");
	}
	return list;
}

static size_t bench_write(char *data, size_t size, size_t n, void *arg)
{
	struct bench_slot *slot = arg;

	if (buf_append(&slot->answer, data, size * n) < 0)
		return 0;
	return size * n;
}

/* Sends request @n of @load on @slot's connection. */
static int bench_issue(CURLM *multi, struct bench_slot *slot,
		       const struct bench_server *srv,
		       const struct bench_load *load, long n)
{
	char url[BENCH_TEXT_SIZE + BENCH_PATH_SIZE];
	CURL *e = slot->easy;

	buf_reset(&slot->answer);
	bench_headers_free(&slot->headers);
	slot->headers = bench_headers(srv, load, n);
	snprintf(url, sizeof(url), "%s%s", srv->url, load->path);

	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, slot->headers);
	if (strcmp(load->method, "POST") == 0) {
		snprintf(slot->body, sizeof(slot->body),
			 "{\"name\": \"%s_%ld\", \"value\": \"v%ld\"}",
			 load->tag, n, n);
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, slot->body);
	} else {
		curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
	}
	slot->busy = curl_multi_add_handle(multi, e) == CURLM_OK;
	return slot->busy ? 0 : -1;
}

/* Records how the request on @slot ended. */
static void bench_record(struct bench_load *load, struct bench_slot *slot,
			 CURLcode result)
{
	curl_off_t us = 0;
	long status = 0;

	curl_easy_getinfo(slot->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(slot->easy, CURLINFO_TOTAL_TIME_T, &us);
	if (result != CURLE_OK || status != load->expect) {
		if (load->failed++ == 0)
			fprintf(stderr, "bench_server: %s: %s %ld %.200s\n",
				load->name, curl_easy_strerror(result), status,
				slot->answer.data != NULL ? slot->answer.data
							  : "");
		return;
	}
	if (load->done == 0)
		load->first = cJSON_Parse(slot->answer.data);
	load->ms[load->done++] = (double)us / 1000.0;
}

/* Makes @n idle connections.  Returns 0, or -1 when out of memory. */
static int bench_slots_init(struct bench_slot *slots, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		struct bench_slot *s = &slots[i];

		buf_init(&s->answer, BENCH_ANSWER_MAX);
		s->easy = curl_easy_init();
		if (s->easy == NULL)
			return -1;
		curl_easy_setopt(s->easy, CURLOPT_PRIVATE, s);
		curl_easy_setopt(s->easy, CURLOPT_WRITEFUNCTION, bench_write);
		curl_easy_setopt(s->easy, CURLOPT_WRITEDATA, s);
		curl_easy_setopt(s->easy, CURLOPT_TIMEOUT_MS, BENCH_REQUEST_MS);
		curl_easy_setopt(s->easy, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(s->easy, CURLOPT_PROTOCOLS_STR, "http");
	}
	return 0;
}

static void bench_slots_release(CURLM *multi, struct bench_slot *slots, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (slots[i].busy)
			curl_multi_remove_handle(multi, slots[i].easy);
		curl_easy_cleanup(slots[i].easy);
		bench_headers_free(&slots[i].headers);
		buf_release(&slots[i].answer);
	}
}

/* Handles the answers that came in; returns how many slots freed up. */
static int bench_collect(CURLM *multi, struct bench_load *load, long *issued,
			 const struct bench_server *srv, double deadline)
{
	struct bench_slot *slot;
	CURLMsg *msg;
	int left, freed = 0;

	for (;;) {
		msg = curl_multi_info_read(multi, &left);
		if (msg == NULL)
			break;
		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &slot);
		bench_record(load, slot, msg->data.result);
		curl_multi_remove_handle(multi, slot->easy);
		slot->busy = false;

		if (*issued < load->total && bench_now() < deadline &&
		    !bench_stopping &&
		    bench_issue(multi, slot, srv, load, (*issued)++) == 0)
			continue;
		freed++;
	}
	return freed;
}

/* Keeps @conns connections busy with @load until it is done. */
static int bench_drive(const struct bench_server *srv, struct bench_load *load,
		       int conns)
{
	struct bench_slot *slots = calloc((size_t)conns, sizeof(*slots));
	CURLM *multi = curl_multi_init();
	double start = bench_now(), deadline = start + load->seconds;
	long issued = 0;
	int i, active = 0, running = 0, ret = -1;

	load->ms = calloc((size_t)load->total, sizeof(*load->ms));
	if (slots == NULL || multi == NULL || load->ms == NULL ||
	    bench_slots_init(slots, conns) < 0)
		goto out;

	for (i = 0; i < conns && issued < load->total; i++)
		if (bench_issue(multi, &slots[i], srv, load, issued++) == 0)
			active++;
	while (active > 0) {
		curl_multi_perform(multi, &running);
		active -= bench_collect(multi, load, &issued, srv, deadline);
		if (active > 0)
			curl_multi_poll(multi, NULL, 0, 100, NULL);
	}
	load->wall = bench_now() - start;
	ret = 0;

out:
	if (slots != NULL)
		bench_slots_release(multi, slots, conns);
	free(slots);
	curl_multi_cleanup(multi);
	return ret;
}

static int bench_compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The @q quantile of the sorted @ms (nearest rank). */
static double bench_rank(const double *ms, long n, double q)
{
	long i = (long)ceil(q * (double)n) - 1;

	return n == 0 ? 0.0 : ms[i < 0 ? 0 : i];
}

static void bench_report(struct bench_load *load)
{
	const cJSON *data = cJSON_GetObjectItem(load->first, "data");
	long n = load->done;

	qsort(load->ms, (size_t)n, sizeof(*load->ms), bench_compare);
	printf("%-24s %6ld %5ld %7.2f %8.1f %7.2f %7.2f %7.2f %7.2f",
	       load->name, n, load->failed, load->wall,
	       load->wall > 0 ? (double)n / load->wall : 0.0,
	       bench_rank(load->ms, n, 0.50), bench_rank(load->ms, n, 0.90),
	       bench_rank(load->ms, n, 0.99), n > 0 ? load->ms[n - 1] : 0.0);
	if (cJSON_IsArray(data))
		printf("  (%d items a page)", cJSON_GetArraySize(data));
	printf("\n");
}

/* Forgets what a load measured. */
static void bench_load_release(struct bench_load *load)
{
	free(load->ms);
	load->ms = NULL;
	cJSON_Delete(load->first);
	load->first = NULL;
}

/* Finds the demo's team organization from GET /v1/me, timing nothing. */
static int bench_find_org(struct bench_server *srv)
{
	struct bench_load me = { .name = "me",
				 .tag = "me",
				 .method = "GET",
				 .path = "/v1/me",
				 .expect = 200,
				 .total = 1,
				 .seconds = 30 };
	const cJSON *orgs, *org;

	if (bench_drive(srv, &me, 1) < 0)
		return -1;
	orgs = cJSON_GetObjectItem(me.first, "organizations");
	cJSON_ArrayForEach(org, orgs)
	{
		const char *kind =
			cJSON_GetStringValue(cJSON_GetObjectItem(org, "kind"));
		const char *id =
			cJSON_GetStringValue(cJSON_GetObjectItem(org, "id"));

		if (kind != NULL && id != NULL && strcmp(kind, "team") == 0) {
			snprintf(srv->org, sizeof(srv->org), "%s", id);
			break;
		}
	}
	bench_load_release(&me);
	if (srv->org[0] == '\0')
		fprintf(stderr, "bench_server: the demo has no organization\n");
	return srv->org[0] != '\0' ? 0 : -1;
}

/*
 * Runs every load in turn: first secrets enough for a full page (not
 * reported), then the timed ones.
 */
static int bench_loads(const struct bench_server *srv,
		       const struct bench_opts *o)
{
	struct bench_load loads[] = {
		{ .name = "seed",
		  .tag = "seed",
		  .method = "POST",
		  .expect = 201,
		  .total = BENCH_SEED_SECRETS,
		  .seconds = 60 },
		{ .name = "GET /v1/me",
		  .tag = "me",
		  .method = "GET",
		  .path = "/v1/me",
		  .expect = 200,
		  .total = o->requests,
		  .seconds = o->seconds },
		{ .name = "GET secrets?limit=100",
		  .tag = "list",
		  .method = "GET",
		  .expect = 200,
		  .total = o->requests,
		  .seconds = o->seconds },
		{ .name = "POST secrets",
		  .tag = "create",
		  .method = "POST",
		  .expect = 201,
		  .total = o->requests,
		  .seconds = o->seconds },
	};
	size_t i, n = sizeof(loads) / sizeof(loads[0]);
	int ret = 0;

	snprintf(loads[0].path, BENCH_PATH_SIZE, "/v1/orgs/%s/secrets",
		 srv->org);
	snprintf(loads[2].path, BENCH_PATH_SIZE,
		 "/v1/orgs/%s/secrets?limit=100", srv->org);
	snprintf(loads[3].path, BENCH_PATH_SIZE, "/v1/orgs/%s/secrets",
		 srv->org);

	printf("%-24s %6s %5s %7s %8s %7s %7s %7s %7s\n", "load", "ok", "err",
	       "seconds", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms");
	for (i = 0; i < n && ret == 0 && !bench_stopping; i++) {
		ret = bench_drive(srv, &loads[i], o->connections);
		if (ret == 0 && i > 0)
			bench_report(&loads[i]);
		if (loads[i].failed > 0)
			ret = -1;
		bench_load_release(&loads[i]);
	}
	return ret;
}

static int bench_parse(struct bench_opts *o, int argc, char **argv)
{
	int opt;

	o->connections = BENCH_CONNECTIONS;
	o->requests = BENCH_REQUESTS;
	o->seconds = BENCH_SECONDS;
	o->threads = BENCH_THREADS;
	for (;;) {
		opt = getopt(argc, argv, "c:n:t:w:");
		if (opt == -1)
			break;
		if (opt == 'c')
			o->connections = atoi(optarg);
		else if (opt == 'n')
			o->requests = atol(optarg);
		else if (opt == 't')
			o->seconds = atof(optarg);
		else if (opt == 'w')
			o->threads = optarg;
		else
			return -1;
	}
	if (o->connections < 1 || o->connections > 256 || o->requests < 1 ||
	    o->requests > 1000000 || !(o->seconds > 0 && o->seconds <= 600))
		return -1;
	return optind == argc ? 0 : -1;
}

static void bench_signals(void)
{
	struct sigaction sa = { 0 };

	sa.sa_handler = bench_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int main(int argc, char **argv)
{
	struct bench_server srv = { 0 };
	struct bench_opts o;
	int ret = 1;

	if (bench_parse(&o, argc, argv) < 0) {
		fprintf(stderr, "usage: bench_server [-c CONNECTIONS 1-256]"
				" [-n REQUESTS] [-t SECONDS] [-w THREADS]\n");
		return 2;
	}
	if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return 1;
	bench_signals();

	printf("orgdeckd %s: %d connections over loopback, %s server threads,"
	       " at most %ld requests or %.0f s a load\n",
	       bench_binary(), o.connections, o.threads, o.requests, o.seconds);
	if (bench_prepare(&srv) == 0 && bench_serve(&srv, o.threads) == 0 &&
	    bench_find_org(&srv) == 0 && bench_loads(&srv, &o) == 0 &&
	    !bench_stopping)
		ret = 0;
	bench_stop(&srv);
	curl_global_cleanup();
	return ret;
}
