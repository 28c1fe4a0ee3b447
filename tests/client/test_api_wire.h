/* SPDX-License-Identifier: MIT */
/*
 * Test fixture: a tiny HTTP server on a loopback socket, in a thread of the
 * test, that misbehaves on purpose: it answers nothing, sends half a body,
 * sends too much, or answers exactly the bytes a test gives it.  It records
 * every request it reads so that a test can check what the client sent.
 *
 * A struct wire is the caller's; wire_stop() joins the thread and closes
 * every socket.
 */
#ifndef ORGDECK_TEST_API_WIRE_H
#define ORGDECK_TEST_API_WIRE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#define WIRE_MAX_REQUESTS 64
#define WIRE_REQUEST_SIZE 4096

/* What to do with one connection. */
struct wire_reply {
	const char *text;    /* bytes to send after reading the request */
	size_t stream_bytes; /* then this many bytes of spaces */
	bool hold;	     /* then keep the connection open, silent */
	bool skip_read;	     /* do not wait for the request first */
};

struct wire {
	int listen_fd;
	int port;
	char url[64]; /* "http://127.0.0.1:PORT" */
	pthread_t thread;
	int stop[2];

	/* Connection i gets replies[i], the last one repeating. */
	const struct wire_reply *replies;
	size_t reply_count;

	pthread_mutex_t lock; /* guards what follows */
	int connections;      /* accepted so far */
	int closed_by_peer;   /* held connections the client closed */
	char requests[WIRE_MAX_REQUESTS][WIRE_REQUEST_SIZE];
	int request_count;
};

/* Starts serving @replies on a free port.  Asserts on failure. */
void wire_start(struct wire *w, const struct wire_reply *replies,
		size_t reply_count);

/* Stops the thread and closes every socket. */
void wire_stop(struct wire *w);

/* Reads a counter under the lock. */
int wire_connections(struct wire *w);
int wire_closed(struct wire *w);
int wire_request_count(struct wire *w);

/*
 * Copies request @i (headers and body as received) into @out (@size bytes).
 * Returns 0, or -1 when there is no such request.
 */
int wire_request(struct wire *w, int i, char *out, size_t size);

/*
 * Copies the value of header @name of request @i into @out, "" when absent.
 * Returns 0 when present, -1 when not.
 */
int wire_header(struct wire *w, int i, const char *name, char *out,
		size_t size);

#endif
