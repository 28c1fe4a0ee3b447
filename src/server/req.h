/* SPDX-License-Identifier: MIT */
/*
 * One API request as the handlers see it: who asks (auth.h), the path
 * parameters the route matched, the query, the headers, the JSON body, the
 * database connection of this thread, and the answer being built (reply.h
 * fills it, httpd.c sends it).
 *
 * A request is made and freed by httpd.c; handlers only borrow it.  Strings
 * returned by the accessors live as long as the request.
 */
#ifndef ORGDECKD_REQ_H
#define ORGDECKD_REQ_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <microhttpd.h>
#include <sqlite3.h>

#include "orgdeck/buf.h"

#include "auth.h"
#include "httpd.h"
#include "ids.h"

#define REQ_PARAMS_MAX 4

struct req_param {
	char name[24];	   /* from the route pattern, e.g. "org" */
	const char *value; /* the path segment it matched */
};

struct req {
	/* The request. */
	struct MHD_Connection *conn;
	const struct httpd_config *cfg;
	char id[ID_SIZE]; /* "req_..." */
	char method[16];
	char *path;	/* decoded, without the query */
	char *segments; /* path split for params; owned */
	struct req_param params[REQ_PARAMS_MAX];
	unsigned int nparams;
	struct buf body; /* raw body, capped at cfg->max_body */
	bool too_large;	 /* the body passed the cap */
	cJSON *json;	 /* the body as an object; {} when empty */
	struct principal who;
	sqlite3 *db; /* this thread's connection */
	int64_t start_ns;
	char client[64]; /* the peer's address, for public routes */

	/* Idempotency-Key handling (idem.h). */
	const char *idem_key; /* set once this request holds the key */
	int64_t idem_at;      /* when it reserved the key */
	char idem_who[80];    /* the principal the key belongs to */
	unsigned char idem_hash[32];

	/* The answer (reply.h). */
	bool replied;
	unsigned int status;
	char *answer;	    /* JSON text; owned, wiped when freed */
	bool answer_secret; /* the answer carries a token */
	char etag[32];
	unsigned int retry_after;
	bool replayed;
};

/*
 * Makes a request for @method @path (decoded, no query) on @conn.  The
 * caller frees it with req_free().  NULL when out of memory.
 */
struct req *req_new(struct MHD_Connection *conn, const struct httpd_config *cfg,
		    const char *method, const char *path);

/*
 * Makes a request with no connection, for the commands that change the
 * database outside HTTP (user add, seed-demo): it has this thread's
 * database connection, no id and no principal.  Freed with req_free().
 */
struct req *req_new_local(void);

/* Frees *@req (wiping its body and answer) and sets it to NULL. */
void req_free(struct req **req);

/* The path parameter @name ("org" for "{org}"), or NULL. */
const char *req_param(const struct req *req, const char *name);

/* The query parameter @name, or NULL. */
const char *req_query(const struct req *req, const char *name);

/* The request header @name (any case), or NULL. */
const char *req_header(const struct req *req, const char *name);

/*
 * Checks If-Match against an object at @version.  Returns 0 when it
 * matches or is absent (and not @required); otherwise answers 412
 * etag_mismatch or 428 if_match_required and returns -1.
 */
int req_if_match(struct req *req, int64_t version, bool required);

/*
 * Begins a write transaction on req->db (BEGIN IMMEDIATE).  Returns 0, or
 * -1 after answering 500.
 */
int req_begin(struct req *req);

/*
 * Ends that transaction: commits when @rc is 0, rolls back otherwise.
 * Returns @rc, or -1 after answering 500 when the commit failed.
 */
int req_commit(struct req *req, int rc);

/*
 * Parses the body into req->json.  Returns 0 (an empty body is {}), or -1
 * after answering 400 malformed_json.
 */
int req_parse_body(struct req *req);

#endif
