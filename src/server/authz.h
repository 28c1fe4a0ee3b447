/* SPDX-License-Identifier: MIT */
/*
 * May the caller do this here?  The caller's effective role in an
 * organization or project, worked out from the database and the one
 * permission table in src/core/perm.c (perm_allows(); never a copy):
 *
 * - a user acts with perm_org_role() in an organization and
 *   perm_project_role() in a project;
 * - a key acts with the lower of its own role and its creator's current
 *   role there; an organization key reaches its organization and its
 *   projects, a project key only its project;
 * - no role there means 404, so that existence does not leak; a role too
 *   low means 403 role_required naming the role needed.
 *
 * Nothing here allocates except authz_actions(), whose result the caller
 * owns.
 */
#ifndef ORGDECKD_AUTHZ_H
#define ORGDECKD_AUTHZ_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "orgdeck/perm.h"
#include "orgdeck/role.h"

#include "auth.h"
#include "ids.h"
#include "req.h"

/* The caller's standing in one organization or project. */
struct access {
	enum scope scope;
	enum role role;	     /* effective; ROLE_NONE when out of reach */
	enum role user_role; /* the user's (or key creator's), no ceiling */
	char org_id[ID_SIZE];
	char project_id[ID_SIZE]; /* project scope only, else "" */
	char owner_id[ID_SIZE];	  /* the organization's owner */
	bool personal;		  /* a personal organization (or in one) */
	bool key;		  /* the caller is an API key */
};

/*
 * Fills @out with the caller's access to organization @org_id.  Returns 0,
 * or -1 after answering 404 (no such organization, no role in it, a key of
 * another organization, a project key) or 500.
 */
int authz_org(struct req *req, struct access *out, const char *org_id);

/* As authz_org(), for project @project_id. */
int authz_project(struct req *req, struct access *out, const char *project_id);

/*
 * Returns 0 when @a allows @perm; otherwise answers 403 (key_not_allowed
 * for an act keys may never do, role_required naming the least role that
 * may) and returns -1.
 */
int authz_need(struct req *req, const struct access *a, enum perm perm);

/*
 * Returns 0 when @a may give someone @role, which is never above the
 * caller's own; otherwise answers 422 role_too_high and returns -1.
 */
int authz_give(struct req *req, const struct access *a, enum role role);

/* authz_org() then authz_need(). */
int authz_org_need(struct req *req, struct access *out, const char *org_id,
		   enum perm perm);

/* authz_project() then authz_need(). */
int authz_project_need(struct req *req, struct access *out,
		       const char *project_id, enum perm perm);

/*
 * True when @a allows @perm, after a key's limits and a personal
 * organization's exclusions: what "actions" lists.
 */
bool authz_allows(const struct access *a, enum perm perm);

/* True when a key may never do @perm (it needs a person). */
bool authz_key_forbids(enum perm perm);

/*
 * Adds "role" and "actions" (the perm names @a holds in its scope) to
 * @obj.  Returns 0, or -1 when out of memory.
 */
int authz_describe(cJSON *obj, const struct access *a);

/*
 * Fills @out for @who in organization @org_id from stored facts: the
 * organization's kind and owner and @who's (or the key creator's) stored
 * membership role (NULL when not a member).  For list queries that fetch
 * these with each row.
 */
void authz_org_from(struct access *out, const struct principal *who,
		    const char *org_id, bool personal, const char *owner_id,
		    const char *stored_role);

/*
 * As authz_org_from() for project @project_id of @org_id, with the stored
 * project role (NULL when none) too.
 */
void authz_project_from(struct access *out, const struct principal *who,
			const char *org_id, bool personal, const char *owner_id,
			const char *stored_role, const char *project_id,
			const char *project_role);

#endif
