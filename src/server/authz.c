/* SPDX-License-Identifier: MIT */
/* Effective roles, reach, and the 404/403 answers. */
#include "authz.h"

#include <string.h>

#include "db.h"
#include "reply.h"

/* What each permission does, for "creating invitations needs Admin". */
static const char *const authz_doing[PERM__COUNT] = {
	[PERM_INVITATION_CREATE] = "creating invitations",
	[PERM_INVITATION_LIST] = "listing invitations",
	[PERM_INVITATION_REVOKE] = "revoking invitations",
	[PERM_INVITATION_RESEND] = "resending invitations",
	[PERM_CONNECTION_LIST] = "listing connections",
	[PERM_CONNECTION_CREATE] = "creating connections",
	[PERM_CONNECTION_READ] = "reading a connection's configuration",
	[PERM_CONNECTION_UPDATE] = "changing connections",
	[PERM_CONNECTION_DELETE] = "deleting connections",
	[PERM_SECRET_LIST] = "listing secrets",
	[PERM_SECRET_CREATE] = "creating secrets",
	[PERM_SECRET_READ] = "reading a secret's value",
	[PERM_SECRET_UPDATE] = "changing secrets",
	[PERM_SECRET_DELETE] = "deleting secrets",
	[PERM_AUTHKIT_LIST] = "listing AuthKit configurations",
	[PERM_AUTHKIT_CREATE] = "creating AuthKit configurations",
	[PERM_AUTHKIT_READ] = "reading AuthKit configurations",
	[PERM_AUTHKIT_UPDATE] = "changing AuthKit configurations",
	[PERM_AUTHKIT_DELETE] = "deleting AuthKit configurations",
	[PERM_PROJECT_CREATE] = "creating projects",
	[PERM_ORG_READ] = "reading the organization",
	[PERM_ORG_UPDATE] = "renaming the organization",
	[PERM_ORG_DELETE] = "deleting the organization",
	[PERM_ORG_TRANSFER] = "transferring ownership",
	[PERM_MEMBER_LIST] = "listing members",
	[PERM_MEMBER_ADD] = "adding people to a project",
	[PERM_MEMBER_UPDATE] = "changing roles",
	[PERM_MEMBER_REMOVE] = "removing people",
	[PERM_PROJECT_READ] = "reading the project",
	[PERM_PROJECT_UPDATE] = "changing the project",
	[PERM_PROJECT_DELETE] = "deleting the project",
	[PERM_KEY_LIST] = "listing API keys",
	[PERM_KEY_CREATE] = "creating API keys",
	[PERM_KEY_UPDATE] = "renaming API keys",
	[PERM_KEY_ROTATE] = "rotating API keys",
	[PERM_KEY_REVOKE] = "revoking API keys",
	[PERM_ACTIVITY_LIST] = "reading activity",
};

static enum role authz_min(enum role a, enum role b)
{
	return a < b ? a : b;
}

/* Parses a stored role; NULL or unknown is ROLE_NONE. */
static enum role authz_stored(const char *text)
{
	enum role role;

	if (text == NULL || role_parse(&role, text, false) < 0)
		return ROLE_NONE;
	return role;
}

static void authz_base(struct access *out, const struct principal *who,
		       const char *org_id, bool personal, const char *owner_id)
{
	memset(out, 0, sizeof(*out));
	ids_copy(out->org_id, org_id);
	ids_copy(out->owner_id, owner_id);
	out->personal = personal;
	out->key = who->type == PRINCIPAL_KEY;
}

void authz_org_from(struct access *out, const struct principal *who,
		    const char *org_id, bool personal, const char *owner_id,
		    const char *stored_role)
{
	bool owner = strcmp(owner_id, who->user_id) == 0;
	enum role role = perm_org_role(authz_stored(stored_role), owner);

	authz_base(out, who, org_id, personal, owner_id);
	out->scope = SCOPE_ORG;
	out->user_role = role;
	if (who->type == PRINCIPAL_KEY) {
		bool reach = strcmp(who->org_id, org_id) == 0 &&
			     who->project_id[0] == '\0';

		role = reach ? authz_min(role, who->key_role) : ROLE_NONE;
	}
	out->role = role;
}

/* A key's ceiling in project @project_id of its organization. */
static enum role authz_key_project(const struct principal *who,
				   const char *org_id, const char *project_id)
{
	if (strcmp(who->org_id, org_id) != 0)
		return ROLE_NONE;
	if (who->project_id[0] == '\0')
		return perm_project_role(who->key_role, ROLE_NONE);
	if (strcmp(who->project_id, project_id) == 0)
		return who->key_role;
	return ROLE_NONE;
}

void authz_project_from(struct access *out, const struct principal *who,
			const char *org_id, bool personal, const char *owner_id,
			const char *stored_role, const char *project_id,
			const char *project_role)
{
	bool owner = strcmp(owner_id, who->user_id) == 0;
	enum role org_role = perm_org_role(authz_stored(stored_role), owner);
	enum role role =
		perm_project_role(org_role, authz_stored(project_role));

	authz_base(out, who, org_id, personal, owner_id);
	out->scope = SCOPE_PROJECT;
	out->user_role = role;
	ids_copy(out->project_id, project_id);
	if (who->type == PRINCIPAL_KEY)
		role = authz_min(role,
				 authz_key_project(who, org_id, project_id));
	out->role = role;
}

int authz_org(struct req *req, struct access *out, const char *org_id)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!ids_valid(org_id, "org_"))
		return reply_not_found(req);
	st = db_stmt(req->db,
		     "SELECT o.kind = 'personal', o.owner_id, m.role"
		     " FROM orgs o LEFT JOIN members m"
		     "  ON m.org_id = o.id AND m.user_id = ?2"
		     " WHERE o.id = ?1",
		     "tt", org_id, req->who.user_id);
	if (st == NULL)
		return reply_internal(req, "organization access");

	rc = db_step(st);
	if (rc == 1)
		authz_org_from(out, &req->who, org_id,
			       sqlite3_column_int(st, 0) != 0, db_text(st, 1),
			       db_null(st, 2) ? NULL : db_text(st, 2));
	db_done(&st);

	if (rc < 0)
		return reply_internal(req, "organization access");
	if (rc == 0 || out->role == ROLE_NONE)
		return reply_not_found(req);
	return 0;
}

int authz_project(struct req *req, struct access *out, const char *project_id)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!ids_valid(project_id, "prj_"))
		return reply_not_found(req);
	st = db_stmt(req->db,
		     "SELECT p.org_id, o.kind = 'personal', o.owner_id, m.role,"
		     " pm.role FROM projects p JOIN orgs o ON o.id = p.org_id"
		     " LEFT JOIN members m"
		     "  ON m.org_id = p.org_id AND m.user_id = ?2"
		     " LEFT JOIN project_members pm"
		     "  ON pm.project_id = p.id AND pm.user_id = ?2"
		     " WHERE p.id = ?1",
		     "tt", project_id, req->who.user_id);
	if (st == NULL)
		return reply_internal(req, "project access");

	rc = db_step(st);
	if (rc == 1)
		authz_project_from(
			out, &req->who, db_text(st, 0),
			sqlite3_column_int(st, 1) != 0, db_text(st, 2),
			db_null(st, 3) ? NULL : db_text(st, 3), project_id,
			db_null(st, 4) ? NULL : db_text(st, 4));
	db_done(&st);

	if (rc < 0)
		return reply_internal(req, "project access");
	if (rc == 0 || out->role == ROLE_NONE)
		return reply_not_found(req);
	return 0;
}

bool authz_key_forbids(enum perm perm)
{
	return perm == PERM_KEY_CREATE || perm == PERM_KEY_ROTATE ||
	       perm == PERM_KEY_REVOKE || perm == PERM_ORG_TRANSFER ||
	       perm == PERM_ORG_DELETE;
}

/* Acts a personal organization does not have: it has no one else. */
static bool authz_personal_excludes(enum perm perm)
{
	return perm == PERM_INVITATION_CREATE || perm == PERM_INVITATION_LIST ||
	       perm == PERM_INVITATION_REVOKE ||
	       perm == PERM_INVITATION_RESEND || perm == PERM_ORG_TRANSFER ||
	       perm == PERM_ORG_DELETE;
}

bool authz_allows(const struct access *a, enum perm perm)
{
	if (!perm_allows(a->scope, a->role, perm))
		return false;
	if (a->key && authz_key_forbids(perm))
		return false;
	return !(a->personal && authz_personal_excludes(perm));
}

int authz_need(struct req *req, const struct access *a, enum perm perm)
{
	enum role need = perm_min_role(a->scope, perm);

	if (a->key && authz_key_forbids(perm))
		return reply_error(req, 403, "key_not_allowed", NULL,
				   "%s needs a person; API keys cannot",
				   authz_doing[perm]);
	if (perm_allows(a->scope, a->role, perm))
		return 0;

	return reply_error(
		req, 403, "role_required", NULL, "%s needs %s; %s %s",
		authz_doing[perm], role_label(need),
		a->key ? "this key acts as" : "you are", role_label(a->role));
}

int authz_give(struct req *req, const struct access *a, enum role role)
{
	if (role <= a->role)
		return 0;
	return reply_error(req, 422, "role_too_high", "role",
			   "you cannot give a role above your own (%s)",
			   role_label(a->role));
}

int authz_org_need(struct req *req, struct access *out, const char *org_id,
		   enum perm perm)
{
	if (authz_org(req, out, org_id) < 0)
		return -1;
	return authz_need(req, out, perm);
}

int authz_project_need(struct req *req, struct access *out,
		       const char *project_id, enum perm perm)
{
	if (authz_project(req, out, project_id) < 0)
		return -1;
	return authz_need(req, out, perm);
}

int authz_describe(cJSON *obj, const struct access *a)
{
	cJSON *actions;
	int p;

	if (cJSON_AddStringToObject(obj, "role", role_name(a->role)) == NULL)
		return -1;
	actions = cJSON_AddArrayToObject(obj, "actions");
	if (actions == NULL)
		return -1;

	for (p = 0; p < PERM__COUNT; p++) {
		if (!perm_in_scope(a->scope, (enum perm)p) ||
		    !authz_allows(a, (enum perm)p))
			continue;
		if (!cJSON_AddItemToArray(actions, cJSON_CreateString(perm_name(
							   (enum perm)p))))
			return -1;
	}
	return 0;
}
