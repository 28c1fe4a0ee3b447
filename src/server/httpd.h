/* SPDX-License-Identifier: MIT */
/*
 * The HTTP side of orgdeckd, on libmicrohttpd: a listening socket served by
 * a pool of threads, request bodies read into capped buffers, and each
 * complete request handed to the router.  One log line per request.
 */
#ifndef ORGDECKD_HTTPD_H
#define ORGDECKD_HTTPD_H

#include <stddef.h>

/* What `orgdeckd serve` was asked for. */
struct httpd_config {
	const char *listen;   /* "HOST:PORT"; port 0 picks a free one */
	const char *tls_cert; /* PEM files, both or neither */
	const char *tls_key;
	unsigned int threads;	 /* worker threads */
	unsigned int rate_limit; /* requests per principal per minute, 0 off */
	size_t max_body;	 /* largest request body accepted */
};

struct httpd;

/*
 * Starts serving with @cfg, which must outlive the server.  Returns the
 * server, which the caller stops with httpd_stop(), or NULL after logging
 * why.  On success @url (capacity @size) holds the base URL.
 */
struct httpd *httpd_start(const struct httpd_config *cfg, char *url,
			  size_t size);

/* Stops accepting, finishes the requests in flight, and frees *@h. */
void httpd_stop(struct httpd **h);

#endif
