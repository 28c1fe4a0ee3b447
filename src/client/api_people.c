/* SPDX-License-Identifier: MIT */
/*
 * The typed calls about people and where they belong: me, organizations,
 * members, invitations, projects and project members (docs/api.md).
 */
#include "api_private.h"

#include <errno.h>
#include <limits.h>

unsigned long api_me(struct api *api, const struct api_req *req)
{
	return api_call_send(api, req, "GET", MODEL_ME, NULL, "/v1/me");
}

/* Organizations */

unsigned long api_orgs_list(struct api *api, const struct api_req *req,
			    const struct api_query *query)
{
	return api_call_list(api, req, MODEL_ORG, query, NULL, "/v1/orgs");
}

unsigned long api_org_create(struct api *api, const struct api_req *req,
			     const char *name)
{
	struct api_call call;

	api_call_open(&call, "POST", MODEL_ORG, NULL, "/v1/orgs");
	api_call_str(&call, "name", name);
	return api_request_start(api, req, &call);
}

unsigned long api_org_get(struct api *api, const struct api_req *req,
			  const char *org)
{
	return api_call_send(api, req, "GET", MODEL_ORG, NULL, "/v1/orgs/%s",
			     org);
}

unsigned long api_org_update(struct api *api, const struct api_req *req,
			     const char *org, const char *if_match,
			     const char *name)
{
	struct api_call call;

	api_call_open(&call, "PATCH", MODEL_ORG, if_match, "/v1/orgs/%s", org);
	api_call_str(&call, "name", name);
	return api_request_start(api, req, &call);
}

unsigned long api_org_delete(struct api *api, const struct api_req *req,
			     const char *org, const char *if_match)
{
	return api_call_send(api, req, "DELETE", MODEL_DELETED, if_match,
			     "/v1/orgs/%s", org);
}

unsigned long api_org_transfer(struct api *api, const struct api_req *req,
			       const char *org, const char *if_match,
			       const char *user_id)
{
	struct api_call call;

	api_call_open(&call, "POST", MODEL_ORG, if_match,
		      "/v1/orgs/%s/transfer", org);
	api_call_str(&call, "user_id", user_id);
	return api_request_start(api, req, &call);
}

unsigned long api_org_leave(struct api *api, const struct api_req *req,
			    const char *org)
{
	return api_call_send(api, req, "POST", MODEL_DELETED, NULL,
			     "/v1/orgs/%s/leave", org);
}

/* Members */

unsigned long api_members_list(struct api *api, const struct api_req *req,
			       const char *org, const struct api_query *query)
{
	return api_call_list(api, req, MODEL_MEMBER, query, NULL,
			     "/v1/orgs/%s/members", org);
}

unsigned long api_member_get(struct api *api, const struct api_req *req,
			     const char *org, const char *user)
{
	return api_call_send(api, req, "GET", MODEL_MEMBER, NULL,
			     "/v1/orgs/%s/members/%s", org, user);
}

unsigned long api_member_update(struct api *api, const struct api_req *req,
				const char *org, const char *user,
				const char *if_match, enum role role)
{
	struct api_call call;

	api_call_open(&call, "PATCH", MODEL_MEMBER, if_match,
		      "/v1/orgs/%s/members/%s", org, user);
	api_call_role(&call, "role", role);
	return api_request_start(api, req, &call);
}

unsigned long api_member_remove(struct api *api, const struct api_req *req,
				const char *org, const char *user,
				const char *if_match)
{
	return api_call_send(api, req, "DELETE", MODEL_DELETED, if_match,
			     "/v1/orgs/%s/members/%s", org, user);
}

/* Invitations */

unsigned long api_invitations_list(struct api *api, const struct api_req *req,
				   const char *org,
				   const struct api_query *query)
{
	return api_call_list(api, req, MODEL_INVITATION, query, "status",
			     "/v1/orgs/%s/invitations", org);
}

/* One entry of an invitation's "projects"; NULL when invalid. */
static cJSON *api_invite_project(const struct api_invite_project *p)
{
	cJSON *item;

	if (!api_id_valid(p->project_id) || p->role < ROLE_MEMBER ||
	    p->role > ROLE_ADMIN)
		return NULL;

	item = cJSON_CreateObject();
	if (item == NULL ||
	    !cJSON_AddStringToObject(item, "project_id", p->project_id) ||
	    !cJSON_AddStringToObject(item, "role", role_name(p->role))) {
		cJSON_Delete(item);
		return NULL;
	}
	return item;
}

/* The "projects" list of an invitation; NULL when an entry is invalid. */
static cJSON *api_invite_projects(const struct api_invite *invite)
{
	cJSON *list = cJSON_CreateArray();
	cJSON *item;
	size_t i;

	for (i = 0; list != NULL && i < invite->project_count; i++) {
		item = api_invite_project(&invite->projects[i]);
		if (!cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			cJSON_Delete(list);
			return NULL;
		}
	}
	return list;
}

/* The body of a batch invitation. */
static void api_call_invite(struct api_call *call,
			    const struct api_invite *invite)
{
	cJSON *projects = NULL;

	if (invite == NULL || invite->emails == NULL ||
	    invite->email_count == 0 || invite->email_count > INT_MAX) {
		api_call_fail(call, EINVAL);
		return;
	}
	if (invite->projects != NULL) {
		projects = api_invite_projects(invite);
		if (projects == NULL)
			api_call_fail(call, EINVAL);
	}

	api_call_item(call, "emails",
		      cJSON_CreateStringArray(invite->emails,
					      (int)invite->email_count));
	api_call_role(call, "role", invite->role);
	if (projects != NULL)
		api_call_item(call, "projects", projects);
	if (invite->expires_in_days > 0)
		api_call_num(call, "expires_in_days", invite->expires_in_days);
}

unsigned long api_invitations_create(struct api *api, const struct api_req *req,
				     const char *org,
				     const struct api_invite *invite)
{
	struct api_call call;

	api_call_open(&call, "POST", MODEL_INVITE_RESULTS, NULL,
		      "/v1/orgs/%s/invitations", org);
	api_call_invite(&call, invite);
	return api_request_start(api, req, &call);
}

unsigned long api_invitation_revoke(struct api *api, const struct api_req *req,
				    const char *org, const char *inv)
{
	return api_call_send(api, req, "POST", MODEL_INVITATION, NULL,
			     "/v1/orgs/%s/invitations/%s/revoke", org, inv);
}

unsigned long api_invitation_resend(struct api *api, const struct api_req *req,
				    const char *org, const char *inv)
{
	return api_call_send(api, req, "POST", MODEL_INVITATION, NULL,
			     "/v1/orgs/%s/invitations/%s/resend", org, inv);
}

unsigned long api_invitation_accept_code(struct api *api,
					 const struct api_req *req,
					 const char *code, const char *name)
{
	struct api_call call;

	api_call_open(&call, "POST", MODEL_ACCEPTANCE, NULL,
		      "/v1/invitations/accept");
	call.no_auth = true;
	if (code == NULL) {
		api_call_fail(&call, EINVAL);
	}
	api_call_str(&call, "code", code);
	api_call_str(&call, "name", name);
	return api_request_start(api, req, &call);
}

unsigned long api_invitation_accept(struct api *api, const struct api_req *req,
				    const char *inv)
{
	return api_call_send(api, req, "POST", MODEL_ACCEPTANCE, NULL,
			     "/v1/invitations/%s/accept", inv);
}

unsigned long api_invitation_decline(struct api *api, const struct api_req *req,
				     const char *inv)
{
	return api_call_send(api, req, "POST", MODEL_INVITATION, NULL,
			     "/v1/invitations/%s/decline", inv);
}

/* Projects */

unsigned long api_projects_list(struct api *api, const struct api_req *req,
				const char *org, const struct api_query *query)
{
	return api_call_list(api, req, MODEL_PROJECT, query, NULL,
			     "/v1/orgs/%s/projects", org);
}

unsigned long api_project_create(struct api *api, const struct api_req *req,
				 const char *org, const char *name,
				 const char *description)
{
	struct api_call call;

	api_call_open(&call, "POST", MODEL_PROJECT, NULL,
		      "/v1/orgs/%s/projects", org);
	api_call_str(&call, "name", name);
	api_call_str(&call, "description", description);
	return api_request_start(api, req, &call);
}

unsigned long api_project_get(struct api *api, const struct api_req *req,
			      const char *prj)
{
	return api_call_send(api, req, "GET", MODEL_PROJECT, NULL,
			     "/v1/projects/%s", prj);
}

unsigned long api_project_update(struct api *api, const struct api_req *req,
				 const char *prj, const char *if_match,
				 const char *name, const char *description)
{
	struct api_call call;

	api_call_open(&call, "PATCH", MODEL_PROJECT, if_match,
		      "/v1/projects/%s", prj);
	api_call_str(&call, "name", name);
	api_call_str(&call, "description", description);
	return api_request_start(api, req, &call);
}

unsigned long api_project_delete(struct api *api, const struct api_req *req,
				 const char *prj, const char *if_match)
{
	return api_call_send(api, req, "DELETE", MODEL_DELETED, if_match,
			     "/v1/projects/%s", prj);
}

/* Project members */

unsigned long api_project_members_list(struct api *api,
				       const struct api_req *req,
				       const char *prj,
				       const struct api_query *query)
{
	return api_call_list(api, req, MODEL_PROJECT_MEMBER, query, NULL,
			     "/v1/projects/%s/members", prj);
}

unsigned long api_project_member_add(struct api *api, const struct api_req *req,
				     const char *prj, const char *user_id,
				     const char *email, enum role role)
{
	struct api_call call;

	api_call_open(&call, "POST", MODEL_PROJECT_MEMBER, NULL,
		      "/v1/projects/%s/members", prj);
	call.invitation_on_202 = true;
	if ((user_id == NULL) == (email == NULL) ||
	    (user_id != NULL && !api_id_valid(user_id))) {
		api_call_fail(&call, EINVAL);
	}
	api_call_str(&call, "user_id", user_id);
	api_call_str(&call, "email", email);
	api_call_role(&call, "role", role);
	return api_request_start(api, req, &call);
}

unsigned long api_project_member_update(struct api *api,
					const struct api_req *req,
					const char *prj, const char *user,
					const char *if_match, enum role role)
{
	struct api_call call;

	api_call_open(&call, "PATCH", MODEL_PROJECT_MEMBER, if_match,
		      "/v1/projects/%s/members/%s", prj, user);
	api_call_role(&call, "role", role);
	return api_request_start(api, req, &call);
}

unsigned long api_project_member_remove(struct api *api,
					const struct api_req *req,
					const char *prj, const char *user,
					const char *if_match)
{
	return api_call_send(api, req, "DELETE", MODEL_DELETED, if_match,
			     "/v1/projects/%s/members/%s", prj, user);
}
