/* SPDX-License-Identifier: MIT */
/*
 * People in a project: giving an organization member a project role, for
 * the demo data.  The routes are project_members_routes in router.h.
 */
#ifndef ORGDECKD_PROJECT_MEMBERS_H
#define ORGDECKD_PROJECT_MEMBERS_H

#include "orgdeck/role.h"

#include "req.h"

/*
 * Gives organization member @user_id @role in project @project_id, as
 * req->who, with the checks and the event of adding by user_id through the
 * API.  Runs inside the caller's transaction.  Returns 0, or -1 after
 * answering (403, 404, 409 not_org_member or already_member, 422, 500).
 * Nothing here allocates.
 */
int project_members_add(struct req *req, const char *project_id,
			const char *user_id, enum role role);

#endif
