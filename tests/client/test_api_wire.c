/* SPDX-License-Identifier: MIT */
/*
 * The API client against servers that misbehave on purpose (a loopback
 * socket in this process, test_api_wire.h): silence, a body cut short,
 * bodies over the cap, nonsense, errors, 503s and 429s to retry; and what
 * the client puts on the wire for each typed call.
 */
#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "orgdeck/api.h"
#include "test_api_wire.h"

#define TOKEN "odk_pat_0123456789012345678901234567890123456789012abcdef"

#define JSON_HEAD                                               \
	"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" \
	"X-Request-Id: req_wire\r\nConnection: close\r\n"

#define ME_BODY                                                           \
	"{\"object\": \"me\", \"user\": {\"object\": \"user\", \"id\": "  \
	"\"usr_1\", \"email\": \"ada@example.com\", \"name\": \"Ada\"}, " \
	"\"auth\": {\"type\": \"user\"}, \"organizations\": [], "         \
	"\"invitations\": []}"

static const struct wire_reply reply_me = {
	.text = JSON_HEAD "Content-Length: 168\r\n\r\n" ME_BODY
};

static void setup(void)
{
	cr_assert_eq(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK);
}

static void teardown(void)
{
	curl_global_cleanup();
}

TestSuite(api_wire, .init = setup, .fini = teardown, .timeout = 60);

static struct api *client(const char *url, long timeout_ms, int retries)
{
	struct api_options opts = { .base_url = url,
				    .token = TOKEN,
				    .timeout_ms = timeout_ms,
				    .retries = retries };
	struct api *api = api_new(&opts);

	cr_assert_not_null(api, "api_new: %s", strerror(errno));
	return api;
}

/* Serves @n @replies on @w and returns a client of them with @timeout_ms
 * and @retries; unserve() ends both. */
static struct api *serve(struct wire *w, const struct wire_reply *replies,
			 int n, long timeout_ms, int retries)
{
	wire_start(w, replies, n);
	return client(w->url, timeout_ms, retries);
}

/* Frees @res (when given) and the client @api, then stops @w. */
static void unserve(struct wire *w, struct api **api, struct api_result **res)
{
	api_result_free(res);
	api_free(api);
	wire_stop(w);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Runs GET /v1/me to the end and returns its result. */
static struct api_result *get_me(struct api *api)
{
	struct api_result *res = api_await(api, api_me(api, NULL));

	cr_assert_not_null(res, "api_await: %s", strerror(errno));
	return res;
}

Test(api_wire, me_body_length_matches)
{
	/* The literal above states its Content-Length; keep them in step. */
	cr_assert_eq(strlen(ME_BODY), 168);
}

Test(api_wire, a_good_answer_decodes)
{
	struct wire w;
	struct api *api;
	struct api_result *res;

	api = serve(&w, &reply_me, 1, 0, 0);
	res = get_me(api);
	cr_assert_eq(res->error.kind, API_ERR_NONE);
	cr_assert_eq(res->status, 200);
	cr_assert_eq(res->type, MODEL_ME);
	cr_assert_str_eq(((struct model_me *)res->object)->user.email,
			 "ada@example.com");
	cr_assert_eq(api_in_flight(api), 0);
	api_result_free(&res);
	api_free(&api);
	cr_assert_null(api);
	wire_stop(&w);
}

Test(api_wire, a_silent_server_times_out)
{
	static const struct wire_reply silent = { .hold = true };
	struct wire w;
	struct api *api;
	struct api_result *res;

	api = serve(&w, &silent, 1, 300, -1);
	res = get_me(api);
	cr_assert_eq(res->error.kind, API_ERR_TIMEOUT);
	cr_assert_eq(res->status, 0);
	cr_assert_null(res->object);
	cr_assert_eq(wire_connections(&w), 1, "a timeout is not retried");
	unserve(&w, &api, &res);
}

static int callbacks;

static void count_callback(struct api_result *res)
{
	(void)res;
	callbacks++;
}

/* Pumps the loop the way the console does until @until is true. */
static void pump(struct api *api, bool (*until)(struct wire *w), struct wire *w)
{
	struct pollfd fds[16];
	long long end = now_ms() + 5000;
	int timeout;
	size_t n;

	while (!until(w) && now_ms() < end) {
		n = api_pollfds(api, fds, 16, &timeout);
		cr_assert_leq(n, 16);
		poll(fds, n, timeout < 0 || timeout > 50 ? 50 : timeout);
		api_perform(api, fds, n);
	}
	cr_assert(until(w), "the loop did not get there in time");
}

static bool one_request_read(struct wire *w)
{
	return wire_request_count(w) >= 1;
}

static bool one_closed(struct wire *w)
{
	return wire_closed(w) >= 1;
}

Test(api_wire, cancel_stops_a_request_and_its_callback)
{
	static const struct wire_reply silent = { .hold = true };
	struct wire w;
	struct api *api;
	unsigned long id;

	api = serve(&w, &silent, 1, 0, 0);
	callbacks = 0;
	id = api_me(api, &(struct api_req){ .done = count_callback });
	cr_assert_neq(id, 0);
	cr_assert_eq(api_in_flight(api), 1);
	pump(api, one_request_read, &w);

	cr_assert_eq(api_cancel(api, id), 0);
	cr_assert_eq(api_in_flight(api), 0);
	cr_assert_eq(api_cancel(api, id), -1, "cancelled twice");
	/* The connection is really dropped: the server sees it close. */
	pump(api, one_closed, &w);
	cr_assert_eq(callbacks, 0);
	unserve(&w, &api, NULL);
}

static const char *seen_user;

static void keep_user(struct api_result *res)
{
	callbacks++;
	seen_user = res->object != NULL ? "decoded" : "missing";
}

Test(api_wire, a_newer_request_in_a_slot_supersedes_the_older)
{
	static const struct wire_reply replies[] = {
		{ .hold = true },
		{ .text = JSON_HEAD "Content-Length: 168\r\n\r\n" ME_BODY },
	};
	struct api_req req = { .done = keep_user, .slot = "me" };
	struct wire w;
	struct api *api;
	unsigned long first, second;

	api = serve(&w, replies, 2, 0, 0);
	callbacks = 0;
	first = api_me(api, &req);
	pump(api, one_request_read, &w);

	second = api_me(api, &req);
	cr_assert_neq(second, first);
	cr_assert_eq(api_in_flight(api), 1, "the older one is gone");
	cr_assert_eq(api_cancel(api, first), -1);
	cr_assert_eq(api_wait(api, second), 0);
	cr_assert_eq(callbacks, 1, "only the newer answer is delivered");
	cr_assert_str_eq(seen_user, "decoded");
	pump(api, one_closed, &w);

	/* Another slot is left alone. */
	callbacks = 0;
	api_me(api, &(struct api_req){ .done = keep_user, .slot = "other" });
	api_me(api, &req);
	cr_assert_eq(api_in_flight(api), 2);
	api_wait(api, 0);
	cr_assert_eq(callbacks, 2);
	unserve(&w, &api, NULL);
}

Test(api_wire, a_body_cut_short_is_a_transport_error)
{
	static const struct wire_reply half = {
		.text = JSON_HEAD
		"Content-Length: 168\r\n\r\n{\"object\": \"me\", \"us"
	};
	struct wire w;
	struct api *api;
	struct api_result *res;
	char line[256];

	api = serve(&w, &half, 1, 0, 0);
	res = get_me(api);
	cr_assert_eq(res->error.kind, API_ERR_TRANSPORT);
	cr_assert_null(res->object);
	cr_assert_not_null(res->error.detail);
	cr_assert_eq(wire_connections(&w), 1, "an answer cut short is final");
	api_error_format(&res->error, line, sizeof(line));
	cr_assert(strstr(line, "connection failed") != NULL, "%s", line);
	unserve(&w, &api, &res);
}

Test(api_wire, malformed_json_is_an_error_not_a_crash)
{
	static const struct wire_reply replies[] = {
		{ .text = JSON_HEAD "Content-Length: 9\r\n\r\n{not json" },
		{ .text = JSON_HEAD "Content-Length: 2\r\n\r\n[]" },
		{ .text = JSON_HEAD "Content-Length: 0\r\n\r\n" },
	};
	struct wire w;
	struct api *api;
	struct api_result *res;
	int i;

	api = serve(&w, replies, 3, 0, 0);
	for (i = 0; i < 3; i++) {
		res = get_me(api);
		cr_assert_eq(res->error.kind, API_ERR_MALFORMED, "reply %d", i);
		cr_assert_eq(res->status, 200);
		cr_assert_null(res->object);
		cr_assert_eq(res->type, MODEL_NONE);
		api_result_free(&res);
	}
	unserve(&w, &api, NULL);
}

static struct api *client_capped(const char *url, size_t cap)
{
	struct api_options opts = {
		.base_url = url, .token = TOKEN, .body_max = cap, .retries = -1
	};
	struct api *api = api_new(&opts);

	cr_assert_not_null(api);
	return api;
}

Test(api_wire, a_content_length_over_the_cap_is_refused)
{
	static const struct wire_reply big = {
		.text = JSON_HEAD "Content-Length: 5000\r\n\r\n{\"object\": ",
		.stream_bytes = 4989,
	};
	struct wire w;
	struct api *api;
	struct api_result *res;

	wire_start(&w, &big, 1);
	api = client_capped(w.url, 1024);
	res = get_me(api);
	cr_assert_eq(res->error.kind, API_ERR_TOO_LARGE);
	cr_assert_null(res->object);
	unserve(&w, &api, &res);
}

Test(api_wire, a_stream_over_the_cap_is_cut_off)
{
	/* No length: the body runs until the server closes, 32 MiB. */
	static const struct wire_reply flood = {
		.text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
			"Connection: close\r\n\r\n[",
		.stream_bytes = (size_t)32 << 20,
	};
	struct wire w;
	struct api *api;
	struct api_result *res;

	wire_start(&w, &flood, 1);
	api = client_capped(w.url, 64 * 1024);
	res = get_me(api);
	cr_assert_eq(res->error.kind, API_ERR_TOO_LARGE);
	api_result_free(&res);

	/* The default cap is 8 MiB. */
	api_free(&api);
	api = client(w.url, 0, -1);
	res = get_me(api);
	cr_assert_eq(res->error.kind, API_ERR_TOO_LARGE);
	unserve(&w, &api, &res);
}

#define ERROR_REPLY(status, body)                                   \
	"HTTP/1.1 " status "\r\nContent-Type: application/json\r\n" \
	"X-Request-Id: req_hdr\r\nConnection: close\r\n\r\n" body

Test(api_wire, error_bodies_are_read_field_by_field)
{
	static const struct wire_reply replies[] = {
		{ .text = ERROR_REPLY(
			  "403 Forbidden",
			  "{\"error\": {\"type\": \"permission_error\", "
			  "\"code\": "
			  "\"role_required\", \"message\": \"creating "
			  "invitations "
			  "needs Admin; you are Manager\", \"param\": null, "
			  "\"request_id\": \"req_body\"}}") },
		{ .text = ERROR_REPLY(
			  "412 Precondition Failed",
			  "{\"error\": {\"type\": \"precondition_failed\", "
			  "\"code\": \"etag_mismatch\", \"message\": "
			  "\"changed\", \"param\": \"If-Match\"}}") },
		{ .text = ERROR_REPLY("502 Bad Gateway", "<html>oops</html>") },
	};
	struct wire w;
	struct api *api;
	struct api_result *res;
	char line[256];

	api = serve(&w, replies, 3, 0, 0);

	res = get_me(api);
	cr_assert_eq(res->error.kind, API_ERR_HTTP);
	cr_assert_eq(res->status, 403);
	cr_assert_eq(res->error.status, 403);
	cr_assert_str_eq(res->error.type, "permission_error");
	cr_assert_str_eq(res->error.code, "role_required");
	cr_assert_null(res->error.param);
	cr_assert_str_eq(res->error.request_id, "req_body");
	api_error_format(&res->error, line, sizeof(line));
	cr_assert_str_eq(line, "creating invitations needs Admin; you are "
			       "Manager (403 role_required)");
	api_result_free(&res);

	res = get_me(api);
	cr_assert_eq(res->error.kind, API_ERR_CHANGED);
	cr_assert_str_eq(res->error.code, "etag_mismatch");
	cr_assert_str_eq(res->error.param, "If-Match");
	cr_assert_str_eq(res->error.request_id, "req_hdr");
	api_error_format(&res->error, line, sizeof(line));
	cr_assert(strstr(line, "changed elsewhere") != NULL, "%s", line);
	api_result_free(&res);

	res = get_me(api);
	cr_assert_eq(res->error.kind, API_ERR_HTTP);
	cr_assert_eq(res->status, 502);
	cr_assert_null(res->error.message);
	api_error_format(&res->error, line, sizeof(line));
	cr_assert(strstr(line, "HTTP 502") != NULL, "%s", line);
	unserve(&w, &api, &res);
}

Test(api_wire, error_text_is_scrubbed_for_the_screen)
{
	static const struct wire_reply evil = {
		.text = ERROR_REPLY("400 Bad Request",
				    "{\"error\": {\"code\": \"x\", "
				    "\"message\": \"bad \\u001b[2J "
				    "token " TOKEN "\"}}")
	};
	struct wire w;
	struct api *api;
	struct api_result *res;
	char line[256];

	api = serve(&w, &evil, 1, 0, 0);
	res = get_me(api);
	api_error_format(&res->error, line, sizeof(line));
	cr_assert_null(strchr(line, '\x1b'), "%s", line);
	cr_assert_null(strstr(line, TOKEN), "%s", line);
	cr_assert_not_null(strstr(line, "odk_pat_****"), "%s", line);
	unserve(&w, &api, &res);
}

#define RETRY_REPLY(status, after)                                  \
	"HTTP/1.1 " status "\r\nContent-Type: application/json\r\n" \
	"Retry-After: " after "\r\nContent-Length: 2\r\n"           \
	"Connection: close\r\n\r\n{}"

Test(api_wire, a_get_is_retried_after_retry_after)
{
	static const struct wire_reply replies[] = {
		{ .text = RETRY_REPLY("503 Service Unavailable", "1") },
		{ .text = JSON_HEAD "Content-Length: 168\r\n\r\n" ME_BODY },
	};
	struct wire w;
	struct api *api;
	struct api_result *res;
	long long start;

	api = serve(&w, replies, 2, 0, 0);
	start = now_ms();
	res = get_me(api);
	cr_assert_eq(res->error.kind, API_ERR_NONE);
	cr_assert_eq(wire_connections(&w), 2);
	cr_assert_geq(now_ms() - start, 950, "retried before Retry-After");
	unserve(&w, &api, &res);
}

Test(api_wire, retries_run_out)
{
	static const struct wire_reply busy = {
		.text = RETRY_REPLY("503 Service Unavailable", "0")
	};
	struct wire w;
	struct api *api;
	struct api_result *res;

	api = serve(&w, &busy, 1, 0, 2);
	res = get_me(api);
	cr_assert_eq(res->error.kind, API_ERR_HTTP);
	cr_assert_eq(res->status, 503);
	cr_assert_eq(wire_connections(&w), 3, "one try and two retries");
	unserve(&w, &api, &res);
}

Test(api_wire, a_long_retry_after_is_not_waited_for)
{
	static const struct wire_reply limited = {
		.text = RETRY_REPLY("429 Too Many Requests", "3600")
	};
	struct wire w;
	struct api *api;
	struct api_result *res;

	api = serve(&w, &limited, 1, 0, 0);
	res = get_me(api);
	cr_assert_eq(res->status, 429);
	cr_assert_eq(res->error.retry_after, 3600);
	cr_assert_eq(wire_connections(&w), 1);
	unserve(&w, &api, &res);
}

Test(api_wire, a_post_is_retried_with_the_same_idempotency_key)
{
	static const struct wire_reply replies[] = {
		{ .text = RETRY_REPLY("503 Service Unavailable", "0") },
		{ .text = "HTTP/1.1 201 Created\r\nContent-Type: "
			  "application/json\r\n"
			  "Idempotent-Replayed: true\r\nConnection: "
			  "close\r\n\r\n"
			  "{\"object\": \"organization\", \"id\": \"org_1\"}" },
	};
	struct wire w;
	struct api *api;
	struct api_result *res;
	char first[300], second[300];

	api = serve(&w, replies, 2, 0, 0);
	res = api_await(api, api_org_create(api, NULL, "Acme"));
	cr_assert_eq(res->error.kind, API_ERR_NONE);
	cr_assert_eq(res->status, 201);
	cr_assert(res->replayed);
	cr_assert_eq(wire_header(&w, 0, "Idempotency-Key", first, 300), 0);
	cr_assert_eq(wire_header(&w, 1, "Idempotency-Key", second, 300), 0);
	cr_assert_eq(strlen(first), 32);
	cr_assert_str_eq(first, second);
	cr_assert_str_eq(res->idempotency_key, first);
	api_result_free(&res);

	/* The next POST has a key of its own, or the caller's. */
	res = api_await(api, api_org_create(api, NULL, "Acme"));
	api_result_free(&res);
	cr_assert_eq(wire_header(&w, 2, "Idempotency-Key", second, 300), 0);
	cr_assert_str_neq(first, second);
	res = api_await(
		api,
		api_org_create(api,
			       &(struct api_req){ .idempotency_key = "mine-1" },
			       "Acme"));
	api_result_free(&res);
	cr_assert_eq(wire_header(&w, 3, "Idempotency-Key", second, 300), 0);
	cr_assert_str_eq(second, "mine-1");
	unserve(&w, &api, NULL);
}

Test(api_wire, a_patch_is_not_retried_on_503)
{
	static const struct wire_reply busy = {
		.text = RETRY_REPLY("503 Service Unavailable", "0")
	};
	struct wire w;
	struct api *api;
	struct api_result *res;

	api = serve(&w, &busy, 1, 0, 0);
	res = api_await(api, api_org_update(api, NULL, "org_1", "\"v1\"", "B"));
	cr_assert_eq(res->status, 503);
	cr_assert_eq(wire_connections(&w), 1);
	unserve(&w, &api, &res);
}

/* A port nothing listens on: bound, then closed. */
static int dead_port(void)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t len = sizeof(addr);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(fd, (struct sockaddr *)&addr, len), 0);
	cr_assert_eq(getsockname(fd, (struct sockaddr *)&addr, &len), 0);
	close(fd);
	return ntohs(addr.sin_port);
}

Test(api_wire, nobody_listening_is_a_connect_error)
{
	char url[64], line[256];
	struct api *api;
	struct api_result *res;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d", dead_port());
	api = client(url, 0, 1);
	res = get_me(api);
	cr_assert_eq(res->error.kind, API_ERR_CONNECT);
	api_error_format(&res->error, line, sizeof(line));
	cr_assert(strstr(line, "cannot connect") != NULL, "%s", line);
	api_result_free(&res);
	api_free(&api);
}

Test(api_wire, a_name_that_does_not_resolve_is_a_dns_error)
{
	struct api *api = client("http://orgdeck-test.invalid", 0, -1);
	struct api_result *res = get_me(api);
	char line[256];

	/* RFC 6761: ".invalid" never resolves. */
	cr_assert_eq(res->error.kind, API_ERR_DNS, "kind %d: %s",
		     res->error.kind, res->error.detail);
	api_error_format(&res->error, line, sizeof(line));
	cr_assert(strstr(line, "cannot resolve") != NULL, "%s", line);
	api_result_free(&res);
	api_free(&api);
}

Test(api_wire, plain_http_to_a_tls_client_fails_as_tls)
{
	static const struct wire_reply garbage = {
		.text = "not a TLS server\r\n", .skip_read = true
	};
	struct wire w;
	struct api *api;
	struct api_result *res;
	char url[64];

	wire_start(&w, &garbage, 1);
	snprintf(url, sizeof(url), "https://127.0.0.1:%d", w.port);
	api = client(url, 2000, -1);
	res = get_me(api);
	cr_assert_eq(res->error.kind, API_ERR_TLS, "kind %d: %s",
		     res->error.kind, res->error.detail);
	unserve(&w, &api, &res);
}

Test(api_wire, requests_carry_the_expected_headers)
{
	static const struct wire_reply any = {
		.text = ERROR_REPLY("404 Not Found",
				    "{\"error\": {\"code\": \"not_found\"}}")
	};
	struct wire w;
	struct api *api;
	char value[300];

	api = serve(&w, &any, 1, 0, 0);
	api_result_free(&(struct api_result *){ api_await(
		api, api_org_update(api, NULL, "org_1", "\"v7\"", "New")) });
	cr_assert_eq(wire_header(&w, 0, "Authorization", value, 300), 0);
	cr_assert_str_eq(value, "Bearer " TOKEN);
	cr_assert_eq(wire_header(&w, 0, "If-Match", value, 300), 0);
	cr_assert_str_eq(value, "\"v7\"");
	cr_assert_eq(wire_header(&w, 0, "Content-Type", value, 300), 0);
	cr_assert_str_eq(value, "application/json");
	cr_assert_eq(wire_header(&w, 0, "Accept", value, 300), 0);
	cr_assert_str_eq(value, "application/json");
	cr_assert_eq(wire_header(&w, 0, "User-Agent", value, 300), 0);
	cr_assert_eq(strncmp(value, "orgdeck/", 8), 0, "%s", value);
	cr_assert_eq(wire_header(&w, 0, "Idempotency-Key", value, 300), -1,
		     "only POSTs carry a key");

	/* Accepting by code sends no token at all. */
	api_result_free(&(struct api_result *){ api_await(
		api,
		api_invitation_accept_code(api, NULL, "odk_inv_x", NULL)) });
	cr_assert_eq(wire_header(&w, 1, "Authorization", value, 300), -1);

	/* A new token is used from the next request on. */
	cr_assert_eq(api_set_token(api, "odk_pat_other"), 0);
	api_result_free(&(struct api_result *){ get_me(api) });
	cr_assert_eq(wire_header(&w, 2, "Authorization", value, 300), 0);
	cr_assert_str_eq(value, "Bearer odk_pat_other");
	cr_assert_eq(wire_header(&w, 2, "If-Match", value, 300), -1);
	unserve(&w, &api, NULL);
}

/* Sends @id's request to the wire and returns its first line and body. */
static void request_text(struct api *api, struct wire *w, unsigned long id,
			 char *line, char *body)
{
	char text[WIRE_REQUEST_SIZE];
	int index = wire_request_count(w);
	const char *b;

	cr_assert_neq(id, 0, "the call did not start: %s", strerror(errno));
	api_result_free(&(struct api_result *){ api_await(api, id) });
	cr_assert_eq(wire_request(w, index, text, sizeof(text)), 0);
	snprintf(line, 512, "%.*s", (int)strcspn(text, "\r\n"), text);
	b = strstr(text, "\r\n\r\n");
	snprintf(body, 2048, "%s", b != NULL ? b + 4 : "");
}

struct expect {
	const char *line;
	const char *body;
};

static void check(struct api *api, struct wire *w, unsigned long id,
		  const char *line, const char *body)
{
	char got_line[512], got_body[2048];

	request_text(api, w, id, got_line, got_body);
	cr_expect_str_eq(got_line, line);
	cr_expect_str_eq(got_body, body, "%s", line);
}

Test(api_wire, every_call_sends_its_method_path_and_body)
{
	static const struct wire_reply any = {
		.text = ERROR_REPLY("404 Not Found",
				    "{\"error\": {\"code\": \"not_found\"}}")
	};
	const char *emails[] = { "bo@example.com", "cy@example.com" };
	const struct api_invite_project projects[] = { { "prj_1",
							 ROLE_MANAGER } };
	const char *uris[] = { "https://a.example/cb", NULL };
	const char *none[] = { NULL };
	struct api_query page = { .limit = 5, .after = "org_9", .q = "a b&c" };
	struct wire w;
	struct api *api;

	api = serve(&w, &any, 1, 0, 0);

	check(api, &w, api_me(api, NULL), "GET /v1/me HTTP/1.1", "");
	check(api, &w, api_orgs_list(api, NULL, &page),
	      "GET /v1/orgs?limit=5&after=org_9&q=a%20b%26c HTTP/1.1", "");
	check(api, &w, api_org_create(api, NULL, "Acme"),
	      "POST /v1/orgs HTTP/1.1", "{\"name\":\"Acme\"}");
	check(api, &w, api_org_get(api, NULL, "org_1"),
	      "GET /v1/orgs/org_1 HTTP/1.1", "");
	check(api, &w, api_org_delete(api, NULL, "org_1", NULL),
	      "DELETE /v1/orgs/org_1 HTTP/1.1", "");
	check(api, &w, api_org_transfer(api, NULL, "org_1", "\"v1\"", "usr_2"),
	      "POST /v1/orgs/org_1/transfer HTTP/1.1",
	      "{\"user_id\":\"usr_2\"}");
	check(api, &w, api_org_leave(api, NULL, "org_1"),
	      "POST /v1/orgs/org_1/leave HTTP/1.1", "{}");

	check(api, &w, api_members_list(api, NULL, "org_1", NULL),
	      "GET /v1/orgs/org_1/members HTTP/1.1", "");
	check(api, &w, api_member_get(api, NULL, "org_1", "usr_2"),
	      "GET /v1/orgs/org_1/members/usr_2 HTTP/1.1", "");
	check(api, &w,
	      api_member_update(api, NULL, "org_1", "usr_2", "\"v2\"",
				ROLE_MANAGER),
	      "PATCH /v1/orgs/org_1/members/usr_2 HTTP/1.1",
	      "{\"role\":\"manager\"}");
	check(api, &w, api_member_remove(api, NULL, "org_1", "usr_2", NULL),
	      "DELETE /v1/orgs/org_1/members/usr_2 HTTP/1.1", "");

	check(api, &w,
	      api_invitations_list(api, NULL, "org_1",
				   &(struct api_query){ .status = "pending" }),
	      "GET /v1/orgs/org_1/invitations?status=pending HTTP/1.1", "");
	check(api, &w,
	      api_invitations_create(
		      api, NULL, "org_1",
		      &(struct api_invite){ .emails = emails,
					    .email_count = 2,
					    .role = ROLE_MEMBER,
					    .projects = projects,
					    .project_count = 1,
					    .expires_in_days = 3 }),
	      "POST /v1/orgs/org_1/invitations HTTP/1.1",
	      "{\"emails\":[\"bo@example.com\",\"cy@example.com\"],"
	      "\"role\":\"member\",\"projects\":[{\"project_id\":\"prj_1\","
	      "\"role\":\"manager\"}],\"expires_in_days\":3}");
	check(api, &w, api_invitation_revoke(api, NULL, "org_1", "inv_1"),
	      "POST /v1/orgs/org_1/invitations/inv_1/revoke HTTP/1.1", "{}");
	check(api, &w, api_invitation_resend(api, NULL, "org_1", "inv_1"),
	      "POST /v1/orgs/org_1/invitations/inv_1/resend HTTP/1.1", "{}");
	check(api, &w, api_invitation_accept_code(api, NULL, "odk_inv_c", "Bo"),
	      "POST /v1/invitations/accept HTTP/1.1",
	      "{\"code\":\"odk_inv_c\",\"name\":\"Bo\"}");
	check(api, &w, api_invitation_accept(api, NULL, "inv_1"),
	      "POST /v1/invitations/inv_1/accept HTTP/1.1", "{}");
	check(api, &w, api_invitation_decline(api, NULL, "inv_1"),
	      "POST /v1/invitations/inv_1/decline HTTP/1.1", "{}");

	check(api, &w, api_projects_list(api, NULL, "org_1", NULL),
	      "GET /v1/orgs/org_1/projects HTTP/1.1", "");
	check(api, &w, api_project_create(api, NULL, "org_1", "Prod", "live"),
	      "POST /v1/orgs/org_1/projects HTTP/1.1",
	      "{\"name\":\"Prod\",\"description\":\"live\"}");
	check(api, &w, api_project_get(api, NULL, "prj_1"),
	      "GET /v1/projects/prj_1 HTTP/1.1", "");
	check(api, &w, api_project_update(api, NULL, "prj_1", NULL, NULL, "d"),
	      "PATCH /v1/projects/prj_1 HTTP/1.1", "{\"description\":\"d\"}");
	check(api, &w, api_project_delete(api, NULL, "prj_1", "\"v1\""),
	      "DELETE /v1/projects/prj_1 HTTP/1.1", "");
	check(api, &w, api_project_members_list(api, NULL, "prj_1", NULL),
	      "GET /v1/projects/prj_1/members HTTP/1.1", "");
	check(api, &w,
	      api_project_member_add(api, NULL, "prj_1", NULL, "bo@example.com",
				     ROLE_MEMBER),
	      "POST /v1/projects/prj_1/members HTTP/1.1",
	      "{\"email\":\"bo@example.com\",\"role\":\"member\"}");
	check(api, &w,
	      api_project_member_update(api, NULL, "prj_1", "usr_2", "\"v1\"",
					ROLE_ADMIN),
	      "PATCH /v1/projects/prj_1/members/usr_2 HTTP/1.1",
	      "{\"role\":\"admin\"}");
	check(api, &w,
	      api_project_member_remove(api, NULL, "prj_1", "usr_2", NULL),
	      "DELETE /v1/projects/prj_1/members/usr_2 HTTP/1.1", "");

	check(api, &w, api_keys_list(api, NULL, SCOPE_ORG, "org_1", NULL),
	      "GET /v1/orgs/org_1/keys HTTP/1.1", "");
	check(api, &w,
	      api_key_create(api, NULL, SCOPE_PROJECT, "prj_1", "ci",
			     ROLE_MEMBER, (time_t)1796319600),
	      "POST /v1/projects/prj_1/keys HTTP/1.1",
	      "{\"name\":\"ci\",\"role\":\"member\","
	      "\"expires_at\":\"2026-12-03T17:40:00Z\"}");
	check(api, &w, api_key_get(api, NULL, "key_1"),
	      "GET /v1/keys/key_1 HTTP/1.1", "");
	check(api, &w, api_key_update(api, NULL, "key_1", NULL, "cd"),
	      "PATCH /v1/keys/key_1 HTTP/1.1", "{\"name\":\"cd\"}");
	check(api, &w, api_key_rotate(api, NULL, "key_1", 60),
	      "POST /v1/keys/key_1/rotate HTTP/1.1", "{\"grace_seconds\":60}");
	check(api, &w, api_key_revoke(api, NULL, "key_1", NULL),
	      "DELETE /v1/keys/key_1 HTTP/1.1", "");

	check(api, &w,
	      api_resources_list(api, NULL, MODEL_SECRET, SCOPE_PROJECT,
				 "prj_1", NULL),
	      "GET /v1/projects/prj_1/secrets HTTP/1.1", "");
	check(api, &w,
	      api_resource_create(api, NULL, MODEL_CONNECTION, SCOPE_ORG,
				  "org_1",
				  &(struct api_resource_fields){
					  .name = "s",
					  .provider = "stripe",
					  .config = "{\"account\": \"a\"}" }),
	      "POST /v1/orgs/org_1/connections HTTP/1.1",
	      "{\"name\":\"s\",\"provider\":\"stripe\","
	      "\"config\":{\"account\":\"a\"}}");
	check(api, &w,
	      api_resource_create(
		      api, NULL, MODEL_AUTHKIT, SCOPE_ORG, "org_1",
		      &(struct api_resource_fields){ .name = "login",
						     .config = "{}",
						     .redirect_uris = uris,
						     .providers = none }),
	      "POST /v1/orgs/org_1/authkit HTTP/1.1",
	      "{\"name\":\"login\",\"settings\":{},"
	      "\"redirect_uris\":[\"https://a.example/cb\"],\"providers\":[]}");
	check(api, &w, api_resource_get(api, NULL, MODEL_AUTHKIT, "akc_1"),
	      "GET /v1/authkit/akc_1 HTTP/1.1", "");
	check(api, &w,
	      api_resource_update(
		      api, NULL, MODEL_SECRET, "sec_1", "\"v1\"",
		      &(struct api_resource_fields){ .value = "p\"w" }),
	      "PATCH /v1/secrets/sec_1 HTTP/1.1", "{\"value\":\"p\\\"w\"}");
	check(api, &w,
	      api_resource_delete(api, NULL, MODEL_CONNECTION, "con_1", NULL),
	      "DELETE /v1/connections/con_1 HTTP/1.1", "");

	check(api, &w,
	      api_events_list(api, NULL, SCOPE_ORG, "org_1",
			      &(struct api_query){ .actor = "usr_1",
						   .project = "prj_1" }),
	      "GET /v1/orgs/org_1/events?actor=usr_1&project=prj_1 HTTP/1.1",
	      "");
	unserve(&w, &api, NULL);
}

Test(api_wire, bad_arguments_send_nothing)
{
	static const struct wire_reply any = { .text = ERROR_REPLY(
						       "404 Not Found", "{}") };
	const char *one[] = { "a@example.com" };
	struct wire w;
	struct api *api;

	api = serve(&w, &any, 1, 0, 0);

	errno = 0;
	cr_assert_eq(api_org_get(api, NULL, "org_1/../x"), 0);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(api_org_get(api, NULL, NULL), 0);
	cr_assert_eq(api_org_get(api, NULL, ""), 0);
	cr_assert_eq(
		api_orgs_list(api, NULL, &(struct api_query){ .limit = 101 }),
		0);
	cr_assert_eq(api_orgs_list(api, NULL,
				   &(struct api_query){ .status = "pending" }),
		     0);
	cr_assert_eq(api_events_list(api, NULL, SCOPE_PROJECT, "prj_1",
				     &(struct api_query){ .project = "prj_2" }),
		     0);
	cr_assert_eq(api_member_update(api, NULL, "org_1", "usr_1", "\"v\"",
				       ROLE_OWNER),
		     0);
	cr_assert_eq(api_org_update(api, NULL, "org_1", "\"v\"\r\nX: y", "n"),
		     0);
	cr_assert_eq(api_invitations_create(
			     api, NULL, "org_1",
			     &(struct api_invite){ .emails = one,
						   .email_count = 0 }),
		     0);
	cr_assert_eq(api_project_member_add(api, NULL, "prj_1", "usr_1",
					    "a@example.com", ROLE_MEMBER),
		     0);
	cr_assert_eq(api_resource_create(
			     api, NULL, MODEL_SECRET, SCOPE_ORG, "org_1",
			     &(struct api_resource_fields){ .provider = "x" }),
		     0);
	cr_assert_eq(api_resource_create(
			     api, NULL, MODEL_CONNECTION, SCOPE_ORG, "org_1",
			     &(struct api_resource_fields){ .config = "[1]" }),
		     0);
	cr_assert_eq(api_keys_list(api, NULL, SCOPE__COUNT, "org_1", NULL), 0);
	cr_assert_eq(api_resource_get(api, NULL, MODEL_RESOURCE__COUNT, "x"),
		     0);
	cr_assert_eq(api_key_rotate(api, NULL, "key_1", -1), 0);
	cr_assert_eq(
		api_org_create(api,
			       &(struct api_req){ .idempotency_key = "a\nb" },
			       "x"),
		0);
	cr_assert_eq(api_in_flight(api), 0);
	cr_assert_null(api_await(api, 0));
	cr_assert_eq(wire_connections(&w), 0);
	unserve(&w, &api, NULL);

	cr_assert_null(api_new(&(struct api_options){ .base_url = "ftp://x" }));
	cr_assert_null(api_new(&(struct api_options){ 0 }));
}

Test(api_wire, freeing_with_requests_in_flight_runs_no_callback)
{
	static const struct wire_reply silent = { .hold = true };
	struct wire w;
	struct api *api;

	api = serve(&w, &silent, 1, 0, 0);
	callbacks = 0;
	api_me(api, &(struct api_req){ .done = count_callback });
	api_me(api, &(struct api_req){ .done = count_callback });
	api_me(api, NULL);
	cr_assert_eq(api_in_flight(api), 3);
	api_free(&api);
	cr_assert_eq(callbacks, 0);
	wire_stop(&w);
}

static struct api *chain_api;
static int chain_left;

/* A callback that starts the next request, as a pane loading more does. */
static void chain_callback(struct api_result *res)
{
	cr_assert_eq(res->error.kind, API_ERR_NONE);
	callbacks++;
	if (--chain_left > 0)
		cr_assert_neq(
			api_me(chain_api,
			       &(struct api_req){ .done = chain_callback }),
			0);
}

Test(api_wire, callbacks_may_start_requests)
{
	struct wire w;

	wire_start(&w, &reply_me, 1);
	chain_api = client(w.url, 0, 0);
	callbacks = 0;
	chain_left = 5;
	api_me(chain_api, &(struct api_req){ .done = chain_callback });
	cr_assert_eq(api_wait(chain_api, 0), 0);
	cr_assert_eq(callbacks, 5);
	cr_assert_eq(wire_connections(&w), 5);
	api_free(&chain_api);
	wire_stop(&w);
}
