/* SPDX-License-Identifier: MIT */
/*
 * The API client against a real orgdeckd in the situations around the
 * calls: a rate limit (429 and Retry-After), TLS with and without the
 * server's CA, a server that goes away mid-session, and many requests in
 * flight at once through the caller's own poll loop.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "orgdeck/api.h"
#include "test_api_fixture.h"

TestSuite(api_server, .timeout = 120);

static const char *const limited[] = { "--rate-limit", "3", NULL };

/* The server counts per wall-clock minute: keep a burst inside one. */
static void away_from_the_minute_turn(void)
{
	while (time(NULL) % 60 >= 57)
		sleep(1);
}

Test(api_server, past_the_rate_limit_comes_429)
{
	struct fx fx;
	struct api_options opts;
	struct api *api;
	struct api_result *res;
	int i;

	fx_start(&fx, limited);
	away_from_the_minute_turn();
	opts = (struct api_options){ .base_url = fx.srv.url,
				     .token = fx.owner_token,
				     .retries = -1 };
	api = api_new(&opts);
	for (i = 0; i < 3; i++)
		model_me_free(&(struct model_me *){
			fx_ok(api, api_me(api, NULL), MODEL_ME, "me") });

	res = api_await(api, api_me(api, NULL));
	cr_assert_eq(res->status, 429);
	cr_assert_eq(res->error.kind, API_ERR_HTTP);
	cr_assert_str_eq(res->error.type, "rate_limit_error");
	cr_assert_str_eq(res->error.code, "rate_limited");
	cr_assert_geq(res->error.retry_after, 1);
	cr_assert_leq(res->error.retry_after, 60);
	api_result_free(&res);
	api_free(&api);
	fx_stop(&fx);
}

Test(api_server, a_get_waits_out_the_rate_limit)
{
	struct fx fx;
	struct model_me *me;
	time_t start;
	int i;

	fx_start(&fx, limited);
	away_from_the_minute_turn();
	for (i = 0; i < 3; i++)
		model_me_free(&(struct model_me *){ fx_ok(
			fx.owner, api_me(fx.owner, NULL), MODEL_ME, "me") });

	/* The fourth is refused until the minute turns, then retried. */
	start = time(NULL);
	me = fx_ok(fx.owner, api_me(fx.owner, NULL), MODEL_ME, "me, retried");
	cr_assert_str_eq(me->user.email, "owner@example.com");
	cr_assert_geq(time(NULL) - start, 1, "answered without waiting");
	model_me_free(&me);
	fx_stop(&fx);
}

Test(api_server, a_server_that_goes_away)
{
	struct fx fx;
	struct api_result *res;

	fx_start(&fx, NULL);
	model_me_free(&(struct model_me *){
		fx_ok(fx.owner, api_me(fx.owner, NULL), MODEL_ME, "me") });
	cr_assert_eq(test_server_halt(&fx.srv), 0, "stops cleanly");

	res = api_await(fx.owner, api_me(fx.owner, NULL));
	cr_assert_eq(res->error.kind, API_ERR_CONNECT);
	cr_assert_null(res->object);
	api_result_free(&res);
	fx_stop(&fx);
}

/* Makes a self-signed certificate for 127.0.0.1 in @dir. */
static void make_cert(const char *dir, char *cert, char *key, size_t size)
{
	char cmd[2048];

	snprintf(cert, size, "%s/cert.pem", dir);
	snprintf(key, size, "%s/key.pem", dir);
	snprintf(cmd, sizeof(cmd),
		 "openssl req -x509 -newkey rsa:2048 -nodes -days 1 "
		 "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
		 "-keyout '%s' -out '%s' 2>/dev/null",
		 key, cert);
	cr_assert_eq(system(cmd), 0, "openssl could not make a certificate");
}

Test(api_server, tls_is_verified_against_the_profile_ca)
{
	struct test_server srv;
	char cert[512], key[512], url[160];
	const char *args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
	struct api *trusting, *default_ca;
	struct api_result *res;
	char *token;

	cr_assert_eq(test_server_init(&srv), 0);
	make_cert(srv.dir, cert, key, sizeof(cert));
	token = test_server_user_add(&srv, "tls@example.com");
	cr_assert_not_null(token);
	cr_assert_eq(test_server_serve(&srv, args), 0);
	snprintf(url, sizeof(url), "https://%s",
		 strstr(srv.url, "://") != NULL ? strstr(srv.url, "://") + 3
						: srv.url);

	trusting = api_new(&(struct api_options){
		.base_url = url, .token = token, .ca_file = cert });
	res = api_await(trusting, api_me(trusting, NULL));
	cr_assert_eq(res->error.kind, API_ERR_NONE, "%s", res->error.detail);
	cr_assert_str_eq(((struct model_me *)res->object)->user.email,
			 "tls@example.com");
	api_result_free(&res);

	default_ca = api_new(&(struct api_options){
		.base_url = url, .token = token, .retries = -1 });
	res = api_await(default_ca, api_me(default_ca, NULL));
	cr_assert_eq(res->error.kind, API_ERR_TLS, "kind %d: %s",
		     res->error.kind, res->error.detail);
	api_result_free(&res);

	api_free(&trusting);
	api_free(&default_ca);
	free(token);
	test_server_stop(&srv);
}

struct tally {
	int done;
	int failed;
	size_t items;
};

static void tally_page(struct api_result *res)
{
	struct tally *t = res->user;

	t->done++;
	if (res->error.kind != API_ERR_NONE)
		t->failed++;
	else
		t->items += ((struct model_page *)res->object)->count;
}

Test(api_server, many_requests_through_the_callers_poll_loop)
{
	struct fx fx;
	struct tally t = { 0 };
	struct api_req req = { .done = tally_page, .user = &t };
	struct pollfd fds[64];
	struct model_org *org;
	int timeout, i;
	size_t n;

	fx_start(&fx, NULL);
	org = fx_ok(fx.owner, api_org_create(fx.owner, NULL, "Acme"), MODEL_ORG,
		    "org create");
	for (i = 0; i < 20; i++) {
		cr_assert_neq(api_orgs_list(fx.owner, &req, NULL), 0);
		cr_assert_neq(api_members_list(fx.owner, &req, org->id, NULL),
			      0);
	}
	cr_assert_eq(api_in_flight(fx.owner), 40);

	/* The console's loop: its own descriptors first, then the API's. */
	fds[0] = (struct pollfd){ .fd = -1 };
	while (api_in_flight(fx.owner) > 0) {
		n = api_pollfds(fx.owner, fds + 1, 63, &timeout);
		cr_assert_leq(n, 63);
		cr_assert_geq(poll(fds, n + 1, timeout), 0);
		api_perform(fx.owner, fds + 1, n);
	}
	cr_assert_eq(t.done, 40);
	cr_assert_eq(t.failed, 0);
	cr_assert_eq(t.items, 20 * 2 + 20 * 1, "two orgs, one member");

	model_org_free(&org);
	fx_stop(&fx);
}
