/* SPDX-License-Identifier: MIT */
/*
 * Invitations: the object other files show (me), and making one (project
 * members added by email become an invitation).
 */
#ifndef ORGDECKD_INVITATIONS_H
#define ORGDECKD_INVITATIONS_H

#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "orgdeck/role.h"

#include "req.h"

/*
 * The columns invitations_json() reads, for invitation alias @a; the
 * statement binds the current time as ?@now (to read expired ones) and
 * needs the organization joined as "o".
 */
#define INVITATIONS_COLUMNS(a, now)                                          \
	a ".id, " a ".org_id, o.name, " a ".email, " a ".role,"              \
	  " CASE WHEN " a ".status = 'pending' AND " a ".expires_at <= " now \
	  " THEN 'expired' ELSE " a ".status END, " a ".invited_by, " a      \
	  ".created_at, " a ".expires_at, " a ".sent_count, " a              \
	  ".last_sent_at, " a ".version,"                                    \
	  " (SELECT json_group_array(json_object('project_id', project_id,"  \
	  " 'role', role)) FROM (SELECT ip.project_id, ip.role"              \
	  " FROM invitation_projects ip WHERE ip.invitation_id = " a ".id"   \
	  " ORDER BY ip.rowid))"
#define INVITATIONS_NCOLUMNS 13

/* The invitation object at column @col of @st; caller owns. */
cJSON *invitations_json(sqlite3_stmt *st, int col);

/* One project role an invitation carries. */
struct invitation_project {
	char project_id[ID_SIZE];
	enum role role;
};

/*
 * Invites @email (valid, lower case, not a member) to organization
 * @org_id as @role carrying @nprojects project roles, valid @days days,
 * replacing a pending invitation for the same email.  Runs inside the
 * caller's transaction and writes the event.  On success *@out is the
 * invitation object with its "code" (caller owns).  Returns 0, or -1
 * (logged).
 */
int invitations_create(struct req *req, cJSON **out, const char *org_id,
		       const char *email, enum role role,
		       const struct invitation_project *projects,
		       size_t nprojects, int days);

#endif
