/* SPDX-License-Identifier: MIT */
/*
 * Roles and the one permission table that both orgdeckd (which enforces it)
 * and the console (which greys out actions with it) consult.
 *
 * The table answers a single question: may a person holding role R perform
 * permission P in scope S?  Which rows exist, and why the ones the product
 * description does not tabulate are set the way they are, is written down in
 * docs/permissions.md.
 *
 * Nothing here allocates; every string returned is static.
 */
#ifndef ORGDECK_PERM_H
#define ORGDECK_PERM_H

#include <stdbool.h>

#include "orgdeck/role.h"

/* Where a permission is asked about. */
enum scope {
	SCOPE_ORG = 0,
	SCOPE_PROJECT,
	SCOPE__COUNT
};

/*
 * Every permission the product knows.  The first block mirrors the product
 * description's two tables; the second holds the rules derived from its
 * prose.  perm_name() gives the wire name ("connection.read").
 */
enum perm {
	PERM_INVITATION_CREATE = 0,
	PERM_INVITATION_LIST,
	PERM_INVITATION_REVOKE,
	PERM_INVITATION_RESEND,
	PERM_CONNECTION_LIST,
	PERM_CONNECTION_CREATE,
	PERM_CONNECTION_READ,
	PERM_CONNECTION_UPDATE,
	PERM_CONNECTION_DELETE,
	PERM_SECRET_LIST,
	PERM_SECRET_CREATE,
	PERM_SECRET_READ,
	PERM_SECRET_UPDATE,
	PERM_SECRET_DELETE,
	PERM_AUTHKIT_LIST,
	PERM_AUTHKIT_CREATE,
	PERM_AUTHKIT_READ,
	PERM_AUTHKIT_UPDATE,
	PERM_AUTHKIT_DELETE,
	PERM_PROJECT_CREATE,

	/* Derived rules: see docs/permissions.md for each reason. */
	PERM_ORG_READ,
	PERM_ORG_UPDATE,
	PERM_ORG_DELETE,
	PERM_ORG_TRANSFER,
	PERM_MEMBER_LIST,
	PERM_MEMBER_ADD,
	PERM_MEMBER_UPDATE,
	PERM_MEMBER_REMOVE,
	PERM_PROJECT_READ,
	PERM_PROJECT_UPDATE,
	PERM_PROJECT_DELETE,
	PERM_KEY_LIST,
	PERM_KEY_CREATE,
	PERM_KEY_UPDATE,
	PERM_KEY_ROTATE,
	PERM_KEY_REVOKE,
	PERM_ACTIVITY_LIST,
	PERM__COUNT
};

/* True when @role may exercise @perm in @scope.  Out-of-range is false. */
bool perm_allows(enum scope scope, enum role role, enum perm perm);

/*
 * The least role that holds @perm in @scope, for messages such as "needs
 * Admin".  ROLE_NONE when no role holds it there (the permission does not
 * exist in that scope).
 */
enum role perm_min_role(enum scope scope, enum perm perm);

/* True when @perm exists in @scope at all (some role holds it). */
bool perm_in_scope(enum scope scope, enum perm perm);

/* Wire name of @perm, e.g. "secret.read"; NULL when out of range. */
const char *perm_name(enum perm perm);

/* Looks up a wire name.  Returns 0 and sets *@out, or -1 when unknown. */
int perm_parse(enum perm *out, const char *name);

/*
 * The role that is in force for a person in a project: the higher of the
 * role held in the organization and the role held in the project itself.
 * An org Admin or owner acts as Admin in every project, an org Manager as
 * Manager; an org Member has only the project role (ROLE_NONE if not added).
 */
enum role perm_project_role(enum role org_role, enum role project_role);

/* The role a person holds in an organization, owner flag folded in. */
enum role perm_org_role(enum role stored_role, bool is_owner);

#endif
