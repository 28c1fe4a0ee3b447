/* SPDX-License-Identifier: MIT */
/*
 * The asynchronous client of the orgdeck API (docs/api.md): one typed call
 * per endpoint, run on a libcurl multi handle that the caller's event loop
 * drives, so that nothing ever blocks the console's input.
 *
 * How it runs:
 *
 *	struct api *api = api_new(&opts);
 *	api_org_get(api, &(struct api_req){ .done = org_loaded,
 *					   .user = pane }, "org_1");
 *	for (;;) {
 *		n = api_pollfds(api, fds + 1, room - 1, &timeout);
 *		poll(fds, n + 1, timeout);	// fds[0] is the keyboard
 *		api_perform(api, fds + 1, n);	// runs org_loaded()
 *	}
 *
 * A typed call starts the request and returns its id (never 0), or 0 when it
 * could not even start (errno EINVAL for a bad argument, ENOMEM); its
 * callback then never runs.  Otherwise the callback runs exactly once, from
 * api_perform() or api_wait(), with the decoded answer or an error, unless
 * the request is cancelled (api_cancel(), superseded through a slot, or
 * api_free()), in which case it never runs.
 *
 * What the client does for every request: connect and total timeouts; a cap
 * on the body read (larger is an error, not a crash); retries with backoff,
 * honouring Retry-After, as timers in the loop, never sleeps: any request
 * when the connection was refused or the answer was 429 (the server did
 * nothing either way), and GETs and POSTs also on 503 and on connections
 * lost before an answer (every POST carries an Idempotency-Key, random
 * unless given, so the server does it once); TLS always verified.  Updates and
 * deletes send If-Match when given an etag; a 412 comes back as
 * API_ERR_CHANGED.
 *
 * The token lives in locked memory and is wiped by api_free(); it is never
 * logged.  One struct api belongs to one thread.
 */
#ifndef ORGDECK_API_H
#define ORGDECK_API_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "orgdeck/model.h"
#include "orgdeck/perm.h"
#include "orgdeck/role.h"

#define API_CONNECT_TIMEOUT_MS 5000
#define API_TIMEOUT_MS	       30000
#define API_BODY_MAX	       ((size_t)8 << 20)
#define API_RETRIES	       3
/* A Retry-After longer than this is not waited for: the 429 is returned. */
#define API_RETRY_AFTER_MAX_S 60

struct api;

/* How to reach the server.  Zero fields take the defaults above. */
struct api_options {
	const char *base_url; /* "https://host:port", without "/v1"; copied */
	const char *token;    /* copied into locked memory; NULL: none yet */
	const char *ca_file;  /* PEM bundle to trust; NULL: the system's */
	long connect_timeout_ms;
	long timeout_ms; /* a whole attempt, connect to last byte */
	size_t body_max; /* most bytes of a response body */
	int retries;	 /* extra attempts after the first; -1: none */
};

/* Why a request failed.  API_ERR_NONE on success. */
enum api_err {
	API_ERR_NONE = 0,
	API_ERR_HTTP,	   /* the server answered an error status: see
			      status, code, message */
	API_ERR_CHANGED,   /* 412: changed elsewhere since the etag was read;
			      reload and decide again */
	API_ERR_DNS,	   /* the host name does not resolve */
	API_ERR_CONNECT,   /* nobody listens, or the network is down */
	API_ERR_TLS,	   /* handshake failed or certificate not trusted */
	API_ERR_TIMEOUT,   /* connect or total timeout passed */
	API_ERR_TOO_LARGE, /* the body is over the cap */
	API_ERR_MALFORMED, /* the body is not the JSON this call expects */
	API_ERR_TRANSPORT, /* anything else on the wire: a reset, a body cut
			      short */
	API_ERR_NOMEM
};

/*
 * An error.  The strings belong to the result that holds the error and are
 * NULL when absent; @type, @code, @message, @param and @request_id come from
 * the server's error body (docs/api.md, "Errors").
 */
struct api_error {
	enum api_err kind;
	long status; /* HTTP status, 0 when there was no answer */
	char *type;
	char *code;
	char *message;
	char *param;
	char *request_id;
	long retry_after; /* seconds, from a 429 or 503; 0 when none */
	char *detail;	  /* for transport errors: libcurl's description */
};

/*
 * A finished request, given to its callback.  The result, and everything in
 * it, is freed when the callback returns, except an @object taken with
 * api_result_take().
 */
struct api_result {
	unsigned long id;	/* what the call returned */
	void *user;		/* from struct api_req */
	long status;		/* HTTP status; 0 when there was no answer */
	struct api_error error; /* error.kind API_ERR_NONE on success */
	enum model_type type;	/* what @object is; MODEL_NONE on error */
	void *object;		/* the decoded answer; NULL on error */
	bool replayed;		/* Idempotent-Replayed: true */
	/* The Idempotency-Key a POST was sent with (NULL for other methods):
	 * pass it again in struct api_req to retry the same POST safely. */
	char *idempotency_key;
};

/* How to deliver a request, for every typed call.  May be NULL: see
 * api_await(). */
struct api_req {
	/* Runs once with the result; NULL keeps the result for api_await(). */
	void (*done)(struct api_result *res);
	void *user; /* handed back in res->user */
	/*
	 * A name for what the request fills, e.g. "members:org_1".  Starting
	 * a request in a slot cancels the one in flight there, so an old
	 * answer never overwrites a newer one.  Copied.  NULL: no slot.
	 */
	const char *slot;
	/* POST only: the key to send; NULL: a fresh random one.  Copied. */
	const char *idempotency_key;
};

/*
 * Paging and filters of a list call; NULL means the defaults.  Filters an
 * endpoint does not take must be NULL (EINVAL otherwise).
 */
struct api_query {
	int limit;	     /* 1-100; 0: the server's default (20) */
	const char *after;   /* last_id of the page already read; NULL: start */
	const char *q;	     /* substring of the name (or email); NULL: all */
	const char *status;  /* invitations: "pending", ... */
	const char *actor;   /* events: a usr_ or key_ id */
	const char *action;  /* events: an action name, exact */
	const char *target;  /* events: an object id */
	const char *project; /* events of an organization: a prj_ id */
};

/* Lifecycle */

/*
 * Makes a client.  Returns it (free with api_free()), or NULL with errno
 * set (EINVAL without base_url).  Needs sodium_init() and
 * curl_global_init() to have run.
 */
struct api *api_new(const struct api_options *opts);

/*
 * Cancels everything in flight (no callback runs), wipes the token and
 * frees @*api, setting it to NULL.  Not from inside a callback.
 */
void api_free(struct api **api);

/* Replaces the token (copied into locked memory; NULL removes it).
 * Requests in flight keep the old one.  Returns 0, or -1 (ENOMEM). */
int api_set_token(struct api *api, const char *token);

/* The event loop */

/*
 * Writes the descriptors the client waits on into @fds (events set) and
 * how long poll() may wait into *@timeout_ms (-1: no deadline).  Returns
 * how many descriptors there are; when that is more than @room only @room
 * were written: call again with more room.
 */
size_t api_pollfds(struct api *api, struct pollfd *fds, size_t room,
		   int *timeout_ms);

/*
 * Moves transfers on after poll() returned: @fds are the entries filled by
 * api_pollfds() (with revents), or NULL when only time passed.  Runs the
 * callbacks of requests that finished; never blocks.  Callbacks may start
 * and cancel requests.  Returns how many callbacks ran.
 */
int api_perform(struct api *api, const struct pollfd *fds, size_t nfds);

/* Requests started and neither finished nor cancelled. */
size_t api_in_flight(const struct api *api);

/*
 * Cancels request @id: its callback will not run.  Returns 0, or -1 when it
 * is not in flight (finished, cancelled, unknown).
 */
int api_cancel(struct api *api, unsigned long id);

/*
 * Blocks, running the loop, until request @id has finished (0: until
 * nothing is in flight).  For command-line commands and tests, never the
 * console's input path.  Returns 0, or -1 on a poll() failure.
 */
int api_wait(struct api *api, unsigned long id);

/*
 * Blocks until request @id, started with a NULL struct api_req or a NULL
 * done, has finished, and returns its result: the caller frees it with
 * api_result_free().  NULL (errno EINVAL) when @id is 0 or not such a
 * request, so that api_await(api, api_me(api, NULL)) is safe.
 */
struct api_result *api_await(struct api *api, unsigned long id);

/* Takes the object out of @res: the caller now frees it (model_free()). */
void *api_result_take(struct api_result *res);

/* Frees a result from api_await() and sets *@res to NULL. */
void api_result_free(struct api_result **res);

/*
 * Writes one line for the status bar about @err into @out (@size bytes,
 * always terminated): the server's message, or what went wrong on the way.
 * Returns @out.
 */
const char *api_error_format(const struct api_error *err, char *out,
			     size_t size);

/*
 * The typed calls, one per endpoint.  Each returns a request id, or 0 (see
 * above).  @if_match is the object's etag to send as If-Match, or NULL to
 * send none.  What res->object holds is given as the model type.
 */

/* GET /v1/me: MODEL_ME. */
unsigned long api_me(struct api *api, const struct api_req *req);

/* Organizations: a MODEL_ORG page, MODEL_ORG, MODEL_DELETED on delete. */
unsigned long api_orgs_list(struct api *api, const struct api_req *req,
			    const struct api_query *query);
unsigned long api_org_create(struct api *api, const struct api_req *req,
			     const char *name);
unsigned long api_org_get(struct api *api, const struct api_req *req,
			  const char *org);
unsigned long api_org_update(struct api *api, const struct api_req *req,
			     const char *org, const char *if_match,
			     const char *name);
unsigned long api_org_delete(struct api *api, const struct api_req *req,
			     const char *org, const char *if_match);
unsigned long api_org_transfer(struct api *api, const struct api_req *req,
			       const char *org, const char *if_match,
			       const char *user_id);
/* MODEL_DELETED (a member). */
unsigned long api_org_leave(struct api *api, const struct api_req *req,
			    const char *org);

/* Members of an organization: MODEL_MEMBER page, MODEL_MEMBER,
 * MODEL_DELETED on remove.  Changing a role needs @if_match. */
unsigned long api_members_list(struct api *api, const struct api_req *req,
			       const char *org, const struct api_query *query);
unsigned long api_member_get(struct api *api, const struct api_req *req,
			     const char *org, const char *user);
unsigned long api_member_update(struct api *api, const struct api_req *req,
				const char *org, const char *user,
				const char *if_match, enum role role);
unsigned long api_member_remove(struct api *api, const struct api_req *req,
				const char *org, const char *user,
				const char *if_match);

/* A project role an invitation carries. */
struct api_invite_project {
	const char *project_id;
	enum role role;
};

/* The body of a batch invitation. */
struct api_invite {
	const char *const *emails; /* 1-50 addresses */
	size_t email_count;
	enum role role;
	const struct api_invite_project *projects; /* may be NULL */
	size_t project_count;
	int expires_in_days; /* 1-30; 0: the server's default (7) */
};

/* Invitations: a MODEL_INVITATION page (query.status filters),
 * MODEL_INVITE_RESULTS on create, MODEL_INVITATION on revoke, resend (with
 * a new code) and decline, MODEL_ACCEPTANCE on accept. */
unsigned long api_invitations_list(struct api *api, const struct api_req *req,
				   const char *org,
				   const struct api_query *query);
unsigned long api_invitations_create(struct api *api, const struct api_req *req,
				     const char *org,
				     const struct api_invite *invite);
unsigned long api_invitation_revoke(struct api *api, const struct api_req *req,
				    const char *org, const char *inv);
unsigned long api_invitation_resend(struct api *api, const struct api_req *req,
				    const char *org, const char *inv);
/* Accepting by code sends no token; @name may be NULL. */
unsigned long api_invitation_accept_code(struct api *api,
					 const struct api_req *req,
					 const char *code, const char *name);
unsigned long api_invitation_accept(struct api *api, const struct api_req *req,
				    const char *inv);
unsigned long api_invitation_decline(struct api *api, const struct api_req *req,
				     const char *inv);

/* Projects: a MODEL_PROJECT page, MODEL_PROJECT, MODEL_DELETED on delete.
 * On update a NULL @name or @description is left unchanged. */
unsigned long api_projects_list(struct api *api, const struct api_req *req,
				const char *org, const struct api_query *query);
unsigned long api_project_create(struct api *api, const struct api_req *req,
				 const char *org, const char *name,
				 const char *description);
unsigned long api_project_get(struct api *api, const struct api_req *req,
			      const char *prj);
unsigned long api_project_update(struct api *api, const struct api_req *req,
				 const char *prj, const char *if_match,
				 const char *name, const char *description);
unsigned long api_project_delete(struct api *api, const struct api_req *req,
				 const char *prj, const char *if_match);

/* Project members: a MODEL_PROJECT_MEMBER page; add answers
 * MODEL_PROJECT_MEMBER (201), or MODEL_INVITATION (202) when @email named
 * nobody in the organization yet.  Give exactly one of @user_id, @email. */
unsigned long api_project_members_list(struct api *api,
				       const struct api_req *req,
				       const char *prj,
				       const struct api_query *query);
unsigned long api_project_member_add(struct api *api, const struct api_req *req,
				     const char *prj, const char *user_id,
				     const char *email, enum role role);
unsigned long api_project_member_update(struct api *api,
					const struct api_req *req,
					const char *prj, const char *user,
					const char *if_match, enum role role);
unsigned long api_project_member_remove(struct api *api,
					const struct api_req *req,
					const char *prj, const char *user,
					const char *if_match);

/* API keys of an organization (@scope SCOPE_ORG, @parent an org id) or of
 * a project (SCOPE_PROJECT, a prj id): a MODEL_KEY page; MODEL_KEY, with
 * its secret on create and rotate, and with status revoked on revoke.
 * @expires_at 0: never. */
unsigned long api_keys_list(struct api *api, const struct api_req *req,
			    enum scope scope, const char *parent,
			    const struct api_query *query);
unsigned long api_key_create(struct api *api, const struct api_req *req,
			     enum scope scope, const char *parent,
			     const char *name, enum role role,
			     time_t expires_at);
unsigned long api_key_get(struct api *api, const struct api_req *req,
			  const char *key);
unsigned long api_key_update(struct api *api, const struct api_req *req,
			     const char *key, const char *if_match,
			     const char *name);
unsigned long api_key_rotate(struct api *api, const struct api_req *req,
			     const char *key, long grace_seconds);
unsigned long api_key_revoke(struct api *api, const struct api_req *req,
			     const char *key, const char *if_match);

/*
 * The fields of a connection, secret or AuthKit configuration to create or
 * update.  NULL leaves a field out (on update: unchanged).  The string
 * lists are NULL-terminated; an empty list is one whose first entry is NULL.
 */
struct api_resource_fields {
	const char *name;
	const char *provider;		  /* connection */
	const char *config;		  /* connection "config" or AuthKit
					     "settings": JSON object text */
	const char *value;		  /* secret; the caller wipes it */
	const char *const *redirect_uris; /* AuthKit */
	const char *const *providers;	  /* AuthKit */
};

/* Connections, secrets and AuthKit, by @kind, in an organization or a
 * project as for keys: a MODEL_RESOURCE page of summaries; MODEL_RESOURCE
 * with details on get, create (a secret: its summary) and update;
 * MODEL_DELETED on delete.  Fields that @kind does not take: EINVAL. */
unsigned long api_resources_list(struct api *api, const struct api_req *req,
				 enum model_resource_kind kind,
				 enum scope scope, const char *parent,
				 const struct api_query *query);
unsigned long api_resource_create(struct api *api, const struct api_req *req,
				  enum model_resource_kind kind,
				  enum scope scope, const char *parent,
				  const struct api_resource_fields *fields);
unsigned long api_resource_get(struct api *api, const struct api_req *req,
			       enum model_resource_kind kind, const char *id);
unsigned long api_resource_update(struct api *api, const struct api_req *req,
				  enum model_resource_kind kind, const char *id,
				  const char *if_match,
				  const struct api_resource_fields *fields);
unsigned long api_resource_delete(struct api *api, const struct api_req *req,
				  enum model_resource_kind kind, const char *id,
				  const char *if_match);

/* Activity of an organization or a project, newest first: a MODEL_EVENT
 * page (query.actor, .action, .target; .project for an organization). */
unsigned long api_events_list(struct api *api, const struct api_req *req,
			      enum scope scope, const char *parent,
			      const struct api_query *query);

#endif
