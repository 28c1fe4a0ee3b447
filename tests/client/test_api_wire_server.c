/* SPDX-License-Identifier: MIT */
/*
 * The misbehaving HTTP server of test_api_wire.h: one thread that accepts
 * connections on 127.0.0.1, reads each request, and does what the test
 * scripted for that connection.
 */
#include "test_api_wire.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <criterion/criterion.h>

#define WIRE_HELD_MAX 16
#define WIRE_READ_MS  5000

/* Waits up to @ms for @fd to be readable.  Returns poll()'s answer. */
static int wire_wait(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms);
}

/* The Content-Length of the request headers in @text, 0 when none. */
static size_t wire_content_length(const char *text)
{
	const char *p;

	for (p = strchr(text, '\n'); p != NULL; p = strchr(p, '\n')) {
		p++;
		if (strncasecmp(p, "Content-Length:", 15) == 0)
			return (size_t)strtoul(p + 15, NULL, 10);
	}
	return 0;
}

/* Reads one request, headers and body, into @out.  Returns its length. */
static size_t wire_read_request(int fd, char *out, size_t size)
{
	size_t len = 0, want = 0;
	char *end = NULL;
	ssize_t n;

	while (len + 1 < size) {
		if (end != NULL && len >= want)
			break;
		if (wire_wait(fd, WIRE_READ_MS) <= 0)
			break;
		n = read(fd, out + len, size - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
		out[len] = '\0';
		if (end != NULL)
			continue;
		end = strstr(out, "\r\n\r\n");
		if (end != NULL)
			want = (size_t)(end + 4 - out) +
			       wire_content_length(out);
	}
	out[len] = '\0';
	return len;
}

static void wire_send_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = send(fd, data, len, MSG_NOSIGNAL);
		if (n <= 0)
			return;
		data += n;
		len -= (size_t)n;
	}
}

/* Sends @count spaces, stopping when the client goes away. */
static void wire_stream(int fd, size_t count)
{
	char chunk[16384];
	size_t n;
	ssize_t sent;

	memset(chunk, ' ', sizeof(chunk));
	while (count > 0) {
		n = count < sizeof(chunk) ? count : sizeof(chunk);
		sent = send(fd, chunk, n, MSG_NOSIGNAL);
		if (sent <= 0)
			return;
		count -= (size_t)sent;
	}
}

static const struct wire_reply *wire_reply_for(struct wire *w, int index)
{
	size_t i = (size_t)index;

	if (i >= w->reply_count)
		i = w->reply_count - 1;
	return &w->replies[i];
}

/* Serves one accepted connection; returns the fd if it is to be held. */
static int wire_serve(struct wire *w, int fd)
{
	char request[WIRE_REQUEST_SIZE];
	const struct wire_reply *reply;
	int index;

	pthread_mutex_lock(&w->lock);
	index = w->connections++;
	pthread_mutex_unlock(&w->lock);
	reply = wire_reply_for(w, index);

	if (!reply->skip_read) {
		wire_read_request(fd, request, sizeof(request));
		pthread_mutex_lock(&w->lock);
		if (w->request_count < WIRE_MAX_REQUESTS)
			memcpy(w->requests[w->request_count++], request,
			       sizeof(request));
		pthread_mutex_unlock(&w->lock);
	}

	if (reply->text != NULL)
		wire_send_all(fd, reply->text, strlen(reply->text));
	wire_stream(fd, reply->stream_bytes);
	if (reply->hold)
		return fd;
	close(fd);
	return -1;
}

/* Notices held connections the client closed. */
static void wire_check_held(struct wire *w, struct pollfd *fds, int *held)
{
	char byte;
	int i;

	for (i = 0; i < *held; i++) {
		if (!(fds[i].revents & (POLLIN | POLLHUP)))
			continue;
		if (read(fds[i].fd, &byte, 1) > 0)
			continue;
		close(fds[i].fd);
		fds[i] = fds[--*held];
		i--;
		pthread_mutex_lock(&w->lock);
		w->closed_by_peer++;
		pthread_mutex_unlock(&w->lock);
	}
}

static void *wire_main(void *arg)
{
	struct wire *w = arg;
	struct pollfd held[WIRE_HELD_MAX + 2];
	int count = 0, fd, i;

	for (;;) {
		held[count] =
			(struct pollfd){ .fd = w->listen_fd, .events = POLLIN };
		held[count + 1] =
			(struct pollfd){ .fd = w->stop[0], .events = POLLIN };
		if (poll(held, (nfds_t)count + 2, -1) < 0 && errno != EINTR)
			break;
		if (held[count + 1].revents)
			break;
		if (held[count].revents) {
			fd = accept(w->listen_fd, NULL, NULL);
			fd = fd >= 0 ? wire_serve(w, fd) : -1;
			if (fd >= 0 && count < WIRE_HELD_MAX)
				held[count++] =
					(struct pollfd){ .fd = fd,
							 .events = POLLIN };
		}
		wire_check_held(w, held, &count);
	}
	for (i = 0; i < count; i++)
		close(held[i].fd);
	return NULL;
}

void wire_start(struct wire *w, const struct wire_reply *replies,
		size_t reply_count)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t len = sizeof(addr);

	memset(w, 0, sizeof(*w));
	w->replies = replies;
	w->reply_count = reply_count;
	pthread_mutex_init(&w->lock, NULL);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

	w->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
	cr_assert_geq(w->listen_fd, 0);
	cr_assert_eq(bind(w->listen_fd, (struct sockaddr *)&addr, len), 0);
	cr_assert_eq(listen(w->listen_fd, 16), 0);
	cr_assert_eq(getsockname(w->listen_fd, (struct sockaddr *)&addr, &len),
		     0);
	w->port = ntohs(addr.sin_port);
	snprintf(w->url, sizeof(w->url), "http://127.0.0.1:%d", w->port);

	cr_assert_eq(pipe(w->stop), 0);
	cr_assert_eq(pthread_create(&w->thread, NULL, wire_main, w), 0);
}

void wire_stop(struct wire *w)
{
	if (write(w->stop[1], "x", 1) != 1)
		return;
	pthread_join(w->thread, NULL);
	close(w->stop[0]);
	close(w->stop[1]);
	close(w->listen_fd);
	pthread_mutex_destroy(&w->lock);
}

static int wire_counter(struct wire *w, const int *counter)
{
	int value;

	pthread_mutex_lock(&w->lock);
	value = *counter;
	pthread_mutex_unlock(&w->lock);
	return value;
}

int wire_connections(struct wire *w)
{
	return wire_counter(w, &w->connections);
}

int wire_closed(struct wire *w)
{
	return wire_counter(w, &w->closed_by_peer);
}

int wire_request_count(struct wire *w)
{
	return wire_counter(w, &w->request_count);
}

int wire_request(struct wire *w, int i, char *out, size_t size)
{
	int rc = -1;

	pthread_mutex_lock(&w->lock);
	if (i >= 0 && i < w->request_count) {
		snprintf(out, size, "%s", w->requests[i]);
		rc = 0;
	}
	pthread_mutex_unlock(&w->lock);
	return rc;
}

int wire_header(struct wire *w, int i, const char *name, char *out, size_t size)
{
	char request[WIRE_REQUEST_SIZE];
	size_t nlen = strlen(name), vlen;
	const char *p, *v;

	out[0] = '\0';
	if (wire_request(w, i, request, sizeof(request)) < 0)
		return -1;
	for (p = strstr(request, "\r\n"); p != NULL; p = strstr(p, "\r\n")) {
		p += 2;
		if (strncmp(p, "\r\n", 2) == 0)
			break;
		if (strncasecmp(p, name, nlen) != 0 || p[nlen] != ':')
			continue;
		v = p + nlen + 1;
		v += strspn(v, " ");
		vlen = strcspn(v, "\r\n");
		snprintf(out, size, "%.*s", (int)vlen, v);
		return 0;
	}
	return -1;
}
