/* SPDX-License-Identifier: MIT */
/*
 * The objects of the orgdeck API (docs/api.md) as C structs, and their
 * decoding from the JSON the server sends.
 *
 * Ownership: every decoder returns a new heap object that the caller owns
 * and frees with the matching model_*_free() (or model_free()), which frees
 * everything the object points to.  Pointers inside an object stay valid
 * until the object is freed; never free them one by one.
 *
 * Text: every char * field is a NUL-terminated UTF-8 string and is never
 * NULL, an absent or null value decoding as "", except the fields marked
 * "NULL when absent".  Times are seconds since the epoch, 0 when absent or
 * null.  Roles the client does not know decode as ROLE_NONE, permission
 * names it does not know are skipped, and a field of the wrong JSON type
 * reads as absent: a newer server never crashes an older console.  Only an
 * object without a string "id", or whose "object" names another type, is
 * refused (the decoder returns NULL).
 *
 * Secrets (a key's secret, an invitation code, a new user's token, a secret's
 * value) are kept in locked memory (sodium_malloc) that the free functions
 * wipe.  Do not copy them into ordinary memory longer than needed; wipe any
 * copy with sodium_memzero().
 */
#ifndef ORGDECK_MODEL_H
#define ORGDECK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "orgdeck/perm.h"
#include "orgdeck/role.h"

/* Which struct a void * from model_decode() or a page item points to. */
enum model_type {
	MODEL_NONE = 0,
	MODEL_USER,	      /* struct model_user */
	MODEL_ORG,	      /* struct model_org */
	MODEL_PROJECT,	      /* struct model_project */
	MODEL_MEMBER,	      /* struct model_member */
	MODEL_PROJECT_MEMBER, /* struct model_project_member */
	MODEL_INVITATION,     /* struct model_invitation */
	MODEL_INVITE_RESULTS, /* struct model_invite_results */
	MODEL_ACCEPTANCE,     /* struct model_acceptance */
	MODEL_KEY,	      /* struct model_key */
	MODEL_RESOURCE,	      /* struct model_resource */
	MODEL_EVENT,	      /* struct model_event */
	MODEL_ME,	      /* struct model_me */
	MODEL_DELETED,	      /* struct model_deleted */
	MODEL_PAGE,	      /* struct model_page */
	MODEL__COUNT
};

/*
 * Whether the "actions" of an organization or project (the permission
 * names the caller holds there, one bit per enum perm) include @perm.  The
 * console greys out whatever they do not.
 */
static inline bool model_actions_has(uint64_t actions, enum perm perm)
{
	return (unsigned int)perm < PERM__COUNT &&
	       (actions & ((uint64_t)1 << perm)) != 0;
}

struct model_user {
	char *id; /* "usr_..." */
	char *email;
	char *name;
	time_t created_at;
};

enum model_org_kind {
	MODEL_ORG_TEAM = 0,
	MODEL_ORG_PERSONAL
};

struct model_org {
	char *id; /* "org_..." */
	char *name;
	enum model_org_kind kind;
	char *owner_id;
	time_t created_at;
	time_t updated_at;
	char *etag;
	enum role role;	  /* the caller's, owner included */
	uint64_t actions; /* in organization scope */
};

struct model_project {
	char *id; /* "prj_..." */
	char *org_id;
	char *name;
	char *description;
	time_t created_at;
	time_t updated_at;
	char *etag;
	enum role role;	  /* the caller's role in force here */
	uint64_t actions; /* in project scope */
};

/* A person in an organization.  @id is the user's id. */
struct model_member {
	char *id;
	struct model_user user;
	enum role role; /* as stored: the owner reads ROLE_ADMIN here */
	bool owner;	/* perm_org_role(role, owner) gives ROLE_OWNER */
	time_t joined_at;
	char *etag;
};

/* A person in a project.  @id is the user's id. */
struct model_project_member {
	char *id;
	struct model_user user;
	enum role role;	    /* given in the project */
	enum role org_role; /* held in the organization; carries over */
	time_t added_at;
	char *etag;
};

enum model_invitation_status {
	MODEL_INVITATION_UNKNOWN = 0,
	MODEL_INVITATION_PENDING,
	MODEL_INVITATION_ACCEPTED,
	MODEL_INVITATION_DECLINED,
	MODEL_INVITATION_EXPIRED,
	MODEL_INVITATION_REVOKED
};

/* A project role an invitation carries. */
struct model_invite_project {
	char *project_id;
	enum role role;
};

struct model_invitation {
	char *id; /* "inv_..." */
	char *org_id;
	char *org_name;
	char *email;
	enum role role;
	struct model_invite_project *projects; /* NULL when project_count 0 */
	size_t project_count;
	enum model_invitation_status status;
	char *invited_by; /* a user id */
	time_t created_at;
	time_t expires_at;
	long sent_count;
	time_t last_sent_at;
	char *etag;
	char *code; /* secret, locked memory; NULL when absent (only create
		       and resend answers carry it) */
};

/* One address of a batch invitation: an invitation, or why not. */
struct model_invite_result {
	char *email;
	struct model_invitation *invitation; /* NULL when refused */
	char *error_code;		     /* "" when invited */
	char *error_message;		     /* "" when invited */
};

struct model_invite_results {
	struct model_invite_result *items; /* NULL when count 0 */
	size_t count;
};

/* The answer to accepting an invitation. */
struct model_acceptance {
	struct model_user user;
	struct model_org *org; /* never NULL in a decoded acceptance */
	char *token;	       /* secret, locked memory; NULL unless accepting
				  by code made a new account */
};

enum model_key_status {
	MODEL_KEY_UNKNOWN = 0,
	MODEL_KEY_ACTIVE,
	MODEL_KEY_EXPIRED,
	MODEL_KEY_REVOKED
};

struct model_key {
	char *id; /* "key_..." */
	char *name;
	enum scope scope; /* SCOPE_ORG or SCOPE_PROJECT */
	char *org_id;
	char *project_id; /* NULL when absent (an organization key) */
	enum role role;
	char *redacted; /* "odk_prj_****a1b2" */
	struct model_user created_by;
	time_t created_at;
	time_t expires_at; /* 0: never */
	time_t last_used_at;
	long use_count;
	enum model_key_status status;
	char *etag;
	char *secret; /* secret, locked memory; NULL when absent (only create
			 and rotate answers carry it) */
};

enum model_resource_kind {
	MODEL_CONNECTION = 0,
	MODEL_SECRET,
	MODEL_AUTHKIT,
	MODEL_RESOURCE__COUNT
};

/*
 * A connection, secret or AuthKit configuration.  Lists return summaries:
 * the detail fields (@config, @value) are NULL there and filled only when
 * one object is read.
 */
struct model_resource {
	enum model_resource_kind kind;
	char *id; /* "con_...", "sec_..." or "akc_..." */
	char *org_id;
	char *project_id; /* NULL when absent (an organization resource) */
	char *name;
	char *created_by; /* a user id */
	time_t created_at;
	time_t updated_at;
	char *etag;

	char *provider;	      /* connection only, "" for the others */
	char *status;	      /* connection only, "" for the others */
	char **redirect_uris; /* AuthKit only: NULL-terminated, never NULL */
	char **providers;     /* AuthKit only: NULL-terminated, never NULL */

	/* A connection's "config" or an AuthKit configuration's "settings",
	 * as compact JSON text; NULL when absent (a summary, or a secret). */
	char *config;
	/* A secret's value: secret, locked memory; NULL when absent. */
	char *value;
};

/* Who did something, or what it was done to, in an event. */
struct model_ref {
	char *type; /* "user", "key", "member", ... */
	char *id;
	char *name;
};

struct model_event {
	char *id; /* "evt_..." */
	char *org_id;
	char *project_id; /* NULL when absent */
	struct model_ref actor;
	char *action; /* a permission name, or e.g. "member.leave" */
	struct model_ref target;
	char *before; /* compact JSON text; NULL when absent */
	char *after;  /* compact JSON text; NULL when absent */
	char *request_id;
	time_t created_at;
};

/* GET /v1/me: who the token is, and what it reaches. */
struct model_me {
	struct model_user user;
	bool is_key;		 /* the token is an API key ... */
	struct model_key *key;	 /* ... this one; NULL for a personal token */
	struct model_org **orgs; /* personal first; NULL when org_count 0 */
	size_t org_count;
	struct model_invitation **invitations; /* pending, to the caller */
	size_t invitation_count;
};

/* The answer to a DELETE (and to leaving an organization). */
struct model_deleted {
	char *object; /* the type name, e.g. "project" */
	char *id;
	bool deleted;
};

/*
 * One page of a list.  @items[i] points to a struct of @item_type, which
 * the page owns.  To read on, ask again with after = @last_id while
 * @has_more.
 */
struct model_page {
	enum model_type item_type;
	void **items; /* NULL when count 0 */
	size_t count;
	bool has_more;
	char *last_id; /* NULL for an empty page */
};

/*
 * Decoders.  Each returns a new object the caller frees with the matching
 * free function, or NULL when @json is not that object or memory ran out.
 */
struct model_user *model_user_decode(const cJSON *json);
struct model_org *model_org_decode(const cJSON *json);
struct model_project *model_project_decode(const cJSON *json);
struct model_member *model_member_decode(const cJSON *json);
struct model_project_member *model_project_member_decode(const cJSON *json);
struct model_invitation *model_invitation_decode(const cJSON *json);
struct model_invite_results *model_invite_results_decode(const cJSON *json);
struct model_acceptance *model_acceptance_decode(const cJSON *json);
struct model_key *model_key_decode(const cJSON *json);
struct model_resource *model_resource_decode(const cJSON *json);
struct model_event *model_event_decode(const cJSON *json);
struct model_me *model_me_decode(const cJSON *json);
struct model_deleted *model_deleted_decode(const cJSON *json);

/*
 * Decodes a list answer whose items are @item_type objects.  An item that
 * does not decode fails the whole page (NULL): a half-shown list would
 * hide rows silently.
 */
struct model_page *model_page_decode(const cJSON *json,
				     enum model_type item_type);

/*
 * Decodes any of the above but a page by @type.  Returns the object, or
 * NULL (errno EINVAL for MODEL_PAGE and unknown types).
 */
void *model_decode(enum model_type type, const cJSON *json);

/*
 * Free functions: each frees the object and everything it points to,
 * wiping secrets, and sets *@p to NULL.  NULL and *@p == NULL are fine.
 */
void model_user_free(struct model_user **p);
void model_org_free(struct model_org **p);
void model_project_free(struct model_project **p);
void model_member_free(struct model_member **p);
void model_project_member_free(struct model_project_member **p);
void model_invitation_free(struct model_invitation **p);
void model_invite_results_free(struct model_invite_results **p);
void model_acceptance_free(struct model_acceptance **p);
void model_key_free(struct model_key **p);
void model_resource_free(struct model_resource **p);
void model_event_free(struct model_event **p);
void model_me_free(struct model_me **p);
void model_deleted_free(struct model_deleted **p);
void model_page_free(struct model_page **p);

/* Frees @obj, a @type object; NULL is fine. */
void model_free(enum model_type type, void *obj);

/*
 * Moves every item of *@from to the end of @into (same item type), takes
 * its has_more and last_id, and frees *@from, setting it to NULL: how a
 * pane grows its list page by page.  Returns 0, or -1 (errno EINVAL when
 * the types differ, ENOMEM) leaving both pages as they were.
 */
int model_page_join(struct model_page *into, struct model_page **from);

/* Parses the wire name of an "object" type ("organization", ...). */
enum model_type model_type_parse(const char *name);

/* Wire names of a resource kind: "connection", ... and, for paths,
 * "connections", "secrets", "authkit".  NULL when out of range. */
const char *model_resource_kind_name(enum model_resource_kind kind);
const char *model_resource_kind_path(enum model_resource_kind kind);

/* "pending", "active", ...: static strings, "unknown" when out of range. */
const char *model_invitation_status_name(enum model_invitation_status s);
const char *model_key_status_name(enum model_key_status s);

/*
 * Parses an RFC 3339 UTC time ("2026-12-03T17:40:00Z").  Returns 0 and sets
 * *@out, or -1 when @text is not one.
 */
int model_time_parse(time_t *out, const char *text);

/* Writes @t as RFC 3339 UTC into @out (at least 21 bytes). */
void model_time_format(char out[21], time_t t);

#endif
