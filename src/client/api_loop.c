/* SPDX-License-Identifier: MIT */
/*
 * The client's side of the caller's event loop: the descriptors and timer
 * libcurl asks for, turned into pollfds and a timeout, and the work to do
 * when poll() returns.  Retry timers live here too, so nothing ever sleeps.
 */
#include "api_private.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

long long api_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct api_sock *api_loop_sock_find(struct api *api, int fd)
{
	size_t i;

	for (i = 0; i < api->sock_count; i++)
		if (api->socks[i].fd == fd)
			return &api->socks[i];
	return NULL;
}

static void api_loop_sock_remove(struct api *api, int fd)
{
	struct api_sock *s = api_loop_sock_find(api, fd);

	if (s == NULL)
		return;
	*s = api->socks[--api->sock_count];
}

static struct api_sock *api_loop_sock_add(struct api *api, int fd)
{
	struct api_sock *socks;
	size_t cap;

	if (api->sock_count == api->sock_cap) {
		cap = api->sock_cap ? api->sock_cap * 2 : 8;
		socks = realloc(api->socks, cap * sizeof(*socks));
		if (socks == NULL)
			return NULL;
		api->socks = socks;
		api->sock_cap = cap;
	}
	api->socks[api->sock_count].fd = fd;
	return &api->socks[api->sock_count++];
}

/* libcurl says which socket to watch for what. */
static int api_loop_socket(CURL *easy, curl_socket_t fd, int what, void *user,
			   void *sockp)
{
	struct api *api = user;
	struct api_sock *s;

	(void)easy;
	(void)sockp;
	if (what == CURL_POLL_REMOVE) {
		api_loop_sock_remove(api, fd);
		return 0;
	}

	s = api_loop_sock_find(api, fd);
	if (s == NULL)
		s = api_loop_sock_add(api, fd);
	if (s == NULL)
		return -1;
	s->events = (short)(((what & CURL_POLL_IN) ? POLLIN : 0) |
			    ((what & CURL_POLL_OUT) ? POLLOUT : 0));
	return 0;
}

/* libcurl says when it wants to be called without socket activity. */
static int api_loop_timer(CURLM *multi, long timeout_ms, void *user)
{
	struct api *api = user;

	(void)multi;
	api->timer_due = timeout_ms < 0 ? -1 : api_now() + timeout_ms;
	return 0;
}

int api_loop_init(struct api *api)
{
	CURLMcode c = CURLM_OK;

	api->timer_due = -1;
	c |= curl_multi_setopt(api->multi, CURLMOPT_SOCKETFUNCTION,
			       api_loop_socket);
	c |= curl_multi_setopt(api->multi, CURLMOPT_SOCKETDATA, api);
	c |= curl_multi_setopt(api->multi, CURLMOPT_TIMERFUNCTION,
			       api_loop_timer);
	c |= curl_multi_setopt(api->multi, CURLMOPT_TIMERDATA, api);
	return c == CURLM_OK ? 0 : -1;
}

int api_loop_add(struct api_request *r)
{
	if (curl_multi_add_handle(r->api->multi, r->easy) != CURLM_OK) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* The earliest of libcurl's timer and the retry timers; -1: none. */
static long long api_loop_due(const struct api *api)
{
	const struct api_request *r;
	long long due = api->timer_due;

	for (r = api->requests; r != NULL; r = r->next)
		if (r->state == API_WAITING && (due < 0 || r->due < due))
			due = r->due;
	return due;
}

size_t api_pollfds(struct api *api, struct pollfd *fds, size_t room,
		   int *timeout_ms)
{
	long long due = api_loop_due(api), wait;
	size_t i;

	for (i = 0; i < api->sock_count && i < room; i++) {
		fds[i].fd = api->socks[i].fd;
		fds[i].events = api->socks[i].events;
		fds[i].revents = 0;
	}

	wait = due < 0 ? -1 : due - api_now();
	if (due >= 0 && wait < 0)
		wait = 0;
	*timeout_ms = wait > INT_MAX ? INT_MAX : (int)wait;
	return api->sock_count;
}

/* Tells libcurl about the activity poll() saw on @fds. */
static void api_loop_sockets(struct api *api, const struct pollfd *fds,
			     size_t nfds)
{
	int running, mask;
	size_t i;

	for (i = 0; fds != NULL && i < nfds; i++) {
		if (fds[i].revents == 0 || fds[i].fd < 0)
			continue;
		mask = 0;
		if (fds[i].revents & POLLIN)
			mask |= CURL_CSELECT_IN;
		if (fds[i].revents & POLLOUT)
			mask |= CURL_CSELECT_OUT;
		if (fds[i].revents & (POLLERR | POLLHUP | POLLNVAL))
			mask |= CURL_CSELECT_ERR;
		curl_multi_socket_action(api->multi, fds[i].fd, mask, &running);
	}
}

static void api_loop_timeout(struct api *api)
{
	int running;

	if (api->timer_due < 0 || api->timer_due > api_now())
		return;
	api->timer_due = -1;
	curl_multi_socket_action(api->multi, CURL_SOCKET_TIMEOUT, 0, &running);
}

/* Puts back on the wire every request whose retry timer has passed. */
static int api_loop_resume(struct api *api)
{
	long long now = api_now();
	struct api_request *r;
	int ran = 0;

	/* Rescan after each: a failed resume runs a callback, which may
	 * change the list. */
	for (;;) {
		for (r = api->requests; r != NULL; r = r->next)
			if (r->state == API_WAITING && r->due <= now)
				break;
		if (r == NULL)
			return ran;
		ran += api_request_resume(r);
	}
}

/* Finishes the transfers libcurl reports done. */
static int api_loop_drain(struct api *api)
{
	struct api_request *r;
	CURLMsg *msg;
	CURLcode code;
	int left, ran = 0;

	for (;;) {
		msg = curl_multi_info_read(api->multi, &left);
		if (msg == NULL)
			return ran;
		if (msg->msg != CURLMSG_DONE)
			continue;

		r = NULL;
		code = msg->data.result;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &r);
		if (r != NULL)
			ran += api_request_done(r, code);
	}
}

int api_perform(struct api *api, const struct pollfd *fds, size_t nfds)
{
	int ran;

	api_loop_sockets(api, fds, nfds);
	api_loop_timeout(api);
	ran = api_loop_resume(api);
	return ran + api_loop_drain(api);
}

/* One turn of a blocking loop: poll, then perform. */
static int api_loop_step(struct api *api)
{
	struct pollfd *fds = NULL, *grown;
	size_t n = 0, room = 8;
	int timeout, rc = -1;

	for (;;) {
		grown = realloc(fds, room * sizeof(*fds));
		if (grown == NULL)
			goto out;
		fds = grown;
		n = api_pollfds(api, fds, room, &timeout);
		if (n <= room)
			break;
		room = n;
	}

	/* A bound, in case libcurl wants a look without telling us. */
	if (timeout < 0 || timeout > 1000)
		timeout = 1000;
	if (poll(fds, n, timeout) < 0 && errno != EINTR)
		goto out;
	api_perform(api, fds, n);
	rc = 0;
out:
	free(fds);
	return rc;
}

static struct api_request *api_loop_find(struct api *api, unsigned long id)
{
	struct api_request *r;

	for (r = api->requests; r != NULL; r = r->next)
		if (r->id == id)
			return r;
	return NULL;
}

int api_wait(struct api *api, unsigned long id)
{
	struct api_request *r;

	for (;;) {
		r = id != 0 ? api_loop_find(api, id) : NULL;
		if (id == 0 && api->in_flight == 0)
			return 0;
		if (id != 0 && (r == NULL || r->state == API_KEPT))
			return 0;
		if (api_loop_step(api) < 0)
			return -1;
	}
}

struct api_result *api_await(struct api *api, unsigned long id)
{
	struct api_request *r = id != 0 ? api_loop_find(api, id) : NULL;
	struct api_result *res;

	if (r == NULL || r->done != NULL) {
		errno = EINVAL;
		return NULL;
	}
	if (api_wait(api, id) < 0)
		return NULL;

	r = api_loop_find(api, id);
	if (r == NULL || r->state != API_KEPT) {
		errno = ECANCELED;
		return NULL;
	}
	res = r->kept;
	r->kept = NULL;
	api_request_free(r);
	return res;
}
