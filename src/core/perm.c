/* SPDX-License-Identifier: MIT */
/*
 * The permission table: one row per permission, one bit per role, for each
 * scope.  The first rows copy the product description's two tables; the
 * rest are the derived rules explained in docs/permissions.md.
 */
#include "orgdeck/perm.h"

#include <string.h>

#define R(role) (1u << (role))

/* Role sets used in the table.  An Admin row always includes the owner. */
#define NO  0u
#define OWN R(ROLE_OWNER)
#define ADM (OWN | R(ROLE_ADMIN))
#define MGR (ADM | R(ROLE_MANAGER))
#define ALL (MGR | R(ROLE_MEMBER))

struct perm_row {
	const char *name;
	unsigned int roles[SCOPE__COUNT]; /* indexed by enum scope */
};

/* clang-format off */
static const struct perm_row perm_table[PERM__COUNT] = {
	/*                         name                  org  project */
	[PERM_INVITATION_CREATE] = { "invitation.create", { ADM, NO  } },
	[PERM_INVITATION_LIST]   = { "invitation.list",   { ADM, NO  } },
	[PERM_INVITATION_REVOKE] = { "invitation.revoke", { ADM, NO  } },
	[PERM_INVITATION_RESEND] = { "invitation.resend", { ADM, NO  } },
	[PERM_CONNECTION_LIST]   = { "connection.list",   { ALL, ALL } },
	[PERM_CONNECTION_CREATE] = { "connection.create", { MGR, MGR } },
	[PERM_CONNECTION_READ]   = { "connection.read",   { MGR, MGR } },
	[PERM_CONNECTION_UPDATE] = { "connection.update", { MGR, MGR } },
	[PERM_CONNECTION_DELETE] = { "connection.delete", { ADM, ADM } },
	[PERM_SECRET_LIST]       = { "secret.list",       { ALL, ALL } },
	[PERM_SECRET_CREATE]     = { "secret.create",     { ALL, ALL } },
	[PERM_SECRET_READ]       = { "secret.read",       { MGR, MGR } },
	[PERM_SECRET_UPDATE]     = { "secret.update",     { MGR, MGR } },
	[PERM_SECRET_DELETE]     = { "secret.delete",     { MGR, MGR } },
	[PERM_AUTHKIT_LIST]      = { "authkit.list",      { ALL, ALL } },
	[PERM_AUTHKIT_CREATE]    = { "authkit.create",    { MGR, MGR } },
	[PERM_AUTHKIT_READ]      = { "authkit.read",      { ALL, ALL } },
	[PERM_AUTHKIT_UPDATE]    = { "authkit.update",    { MGR, MGR } },
	[PERM_AUTHKIT_DELETE]    = { "authkit.delete",    { MGR, MGR } },
	[PERM_PROJECT_CREATE]    = { "project.create",    { MGR, NO  } },

	[PERM_ORG_READ]          = { "org.read",          { ALL, NO  } },
	[PERM_ORG_UPDATE]        = { "org.update",        { ADM, NO  } },
	[PERM_ORG_DELETE]        = { "org.delete",        { OWN, NO  } },
	[PERM_ORG_TRANSFER]      = { "org.transfer",      { OWN, NO  } },
	[PERM_MEMBER_LIST]       = { "member.list",       { ALL, ALL } },
	[PERM_MEMBER_ADD]        = { "member.add",        { NO,  ADM } },
	[PERM_MEMBER_UPDATE]     = { "member.update",     { ADM, ADM } },
	[PERM_MEMBER_REMOVE]     = { "member.remove",     { ADM, ADM } },
	[PERM_PROJECT_READ]      = { "project.read",      { NO,  ALL } },
	[PERM_PROJECT_UPDATE]    = { "project.update",    { NO,  MGR } },
	[PERM_PROJECT_DELETE]    = { "project.delete",    { NO,  ADM } },
	[PERM_KEY_LIST]          = { "key.list",          { MGR, MGR } },
	[PERM_KEY_CREATE]        = { "key.create",        { MGR, MGR } },
	[PERM_KEY_UPDATE]        = { "key.update",        { MGR, MGR } },
	[PERM_KEY_ROTATE]        = { "key.rotate",        { MGR, MGR } },
	[PERM_KEY_REVOKE]        = { "key.revoke",        { MGR, MGR } },
	[PERM_ACTIVITY_LIST]     = { "activity.list",     { ADM, ADM } },
};
/* clang-format on */

static bool perm_valid(enum scope scope, enum perm perm)
{
	return (unsigned int)scope < SCOPE__COUNT &&
	       (unsigned int)perm < PERM__COUNT;
}

bool perm_allows(enum scope scope, enum role role, enum perm perm)
{
	if (!perm_valid(scope, perm) || (unsigned int)role >= ROLE__COUNT)
		return false;

	return (perm_table[perm].roles[scope] & R(role)) != 0;
}

enum role perm_min_role(enum scope scope, enum perm perm)
{
	int role;

	for (role = ROLE_MEMBER; role < ROLE__COUNT; role++)
		if (perm_allows(scope, (enum role)role, perm))
			return (enum role)role;
	return ROLE_NONE;
}

bool perm_in_scope(enum scope scope, enum perm perm)
{
	return perm_min_role(scope, perm) != ROLE_NONE;
}

const char *perm_name(enum perm perm)
{
	if ((unsigned int)perm >= PERM__COUNT)
		return NULL;
	return perm_table[perm].name;
}

int perm_parse(enum perm *out, const char *name)
{
	int i;

	if (name == NULL)
		return -1;

	for (i = 0; i < PERM__COUNT; i++) {
		if (strcmp(perm_table[i].name, name) == 0) {
			*out = (enum perm)i;
			return 0;
		}
	}
	return -1;
}

enum role perm_project_role(enum role org_role, enum role project_role)
{
	enum role inherited = ROLE_NONE;

	if (org_role >= ROLE_ADMIN)
		inherited = ROLE_ADMIN;
	else if (org_role == ROLE_MANAGER)
		inherited = ROLE_MANAGER;

	/* Project membership requires org membership. */
	if (org_role == ROLE_NONE)
		return ROLE_NONE;

	return project_role > inherited ? project_role : inherited;
}

enum role perm_org_role(enum role stored_role, bool is_owner)
{
	if (is_owner && stored_role == ROLE_ADMIN)
		return ROLE_OWNER;
	return stored_role;
}
