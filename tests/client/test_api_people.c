/* SPDX-License-Identifier: MIT */
/*
 * The API client's calls about people against a real orgdeckd: me,
 * organizations, members, invitations, projects and project members, each
 * decoded field by field, and the errors the contract names for them
 * (401, 403, 404, 409, 412, 428), as the console would meet them.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orgdeck/api.h"
#include "orgdeck/token.h"
#include "test_api_fixture.h"

static struct fx fx;

static void setup(void)
{
	fx_start(&fx, NULL);
}

static void teardown(void)
{
	fx_stop(&fx);
}

TestSuite(api_people, .init = setup, .fini = teardown, .timeout = 60);

/* Creates a team organization as the owner. */
static struct model_org *make_org(const char *name)
{
	return fx_ok(fx.owner, api_org_create(fx.owner, NULL, name), MODEL_ORG,
		     "org create");
}

/* Joins @email to @org with @role and returns their client (the caller
 * frees it with api_free(); it keeps its own copy of the token). */
static struct api *join(const struct model_org *org, const char *email,
			enum role role)
{
	char *token = fx_join(&fx, org->id, email, role);
	struct api *api = fx_client(&fx, token);

	free(token);
	return api;
}

Test(api_people, me_decodes_the_user_and_the_personal_org)
{
	struct model_me *me =
		fx_ok(fx.owner, api_me(fx.owner, NULL), MODEL_ME, "me");
	struct model_org *personal;

	cr_assert_str_eq(me->user.email, "owner@example.com");
	cr_assert_eq(strncmp(me->user.id, "usr_", 4), 0, "%s", me->user.id);
	cr_assert_neq(me->user.created_at, 0);
	cr_assert_not(me->is_key);
	cr_assert_null(me->key);
	cr_assert_eq(me->org_count, 1);
	cr_assert_eq(me->invitation_count, 0);

	personal = me->orgs[0];
	cr_assert_eq(personal->kind, MODEL_ORG_PERSONAL);
	cr_assert_str_eq(personal->name, "Personal");
	cr_assert_str_eq(personal->owner_id, me->user.id);
	cr_assert_eq(personal->role, ROLE_OWNER);
	cr_assert_neq(personal->etag[0], '\0');
	cr_assert(model_actions_has(personal->actions, PERM_ORG_READ));
	cr_assert_not(
		model_actions_has(personal->actions, PERM_INVITATION_CREATE),
		"nobody is invited into a personal organization");
	cr_assert_not(model_actions_has(personal->actions, PERM_ORG_DELETE));
	model_me_free(&me);
}

Test(api_people, a_bad_token_is_401)
{
	char fake[TOKEN_SIZE];
	struct api *api;

	cr_assert_eq(token_generate(fake, TOKEN_PERSONAL), 0);
	api = fx_client(&fx, fake);
	cr_assert_eq(fx_fails(api, api_me(api, NULL), 401, "invalid_token",
			      "me with a stranger's token"),
		     API_ERR_HTTP);
	cr_assert_eq(api_set_token(api, NULL), 0);
	fx_fails(api, api_me(api, NULL), 401, "missing_token", "no token");
	api_free(&api);
}

Test(api_people, organizations_round_trip)
{
	struct model_org *org = make_org("Acme"), *got, *renamed;
	struct model_deleted *gone;

	cr_assert_eq(strncmp(org->id, "org_", 4), 0);
	cr_assert_str_eq(org->name, "Acme");
	cr_assert_eq(org->kind, MODEL_ORG_TEAM);
	cr_assert_eq(org->role, ROLE_OWNER);
	for (int p = 0; p < PERM__COUNT; p++)
		cr_assert_eq(model_actions_has(org->actions, p),
			     perm_allows(SCOPE_ORG, ROLE_OWNER, p),
			     "the owner's actions and the table differ on %s",
			     perm_name(p));

	got = fx_ok(fx.owner, api_org_get(fx.owner, NULL, org->id), MODEL_ORG,
		    "org get");
	cr_assert_str_eq(got->etag, org->etag);
	cr_assert_eq(got->created_at, org->created_at);

	renamed = fx_ok(
		fx.owner,
		api_org_update(fx.owner, NULL, org->id, org->etag, "Acme Inc"),
		MODEL_ORG, "org update");
	cr_assert_str_eq(renamed->name, "Acme Inc");
	cr_assert_str_neq(renamed->etag, org->etag, "an update moves the etag");

	/* The etag read before the rename is stale now. */
	cr_assert_eq(fx_fails(fx.owner,
			      api_org_update(fx.owner, NULL, org->id, org->etag,
					     "Mine"),
			      412, "etag_mismatch", "stale update"),
		     API_ERR_CHANGED);
	cr_assert_eq(
		fx_fails(fx.owner,
			 api_org_delete(fx.owner, NULL, org->id, org->etag),
			 412, "etag_mismatch", "stale delete"),
		API_ERR_CHANGED);

	gone = fx_ok(fx.owner,
		     api_org_delete(fx.owner, NULL, org->id, renamed->etag),
		     MODEL_DELETED, "org delete");
	cr_assert_str_eq(gone->id, org->id);
	cr_assert(gone->deleted);
	fx_fails(fx.owner, api_org_get(fx.owner, NULL, org->id), 404,
		 "not_found", "get after delete");

	model_deleted_free(&gone);
	model_org_free(&renamed);
	model_org_free(&got);
	model_org_free(&org);
}

Test(api_people, lists_are_read_page_by_page)
{
	struct api_query query = { .limit = 2 };
	struct model_page *all, *more;
	char names[5][8];
	int i;

	for (i = 0; i < 4; i++) {
		snprintf(names[i], sizeof(names[i]), "Org %d", i);
		model_org_free(&(struct model_org *){ make_org(names[i]) });
	}

	/* Personal plus four: pages of 2, 2 and 1. */
	all = fx_ok(fx.owner, api_orgs_list(fx.owner, NULL, &query), MODEL_PAGE,
		    "first page");
	cr_assert_eq(all->item_type, MODEL_ORG);
	cr_assert_eq(all->count, 2);
	cr_assert(all->has_more);
	while (all->has_more) {
		query.after = all->last_id;
		more = fx_ok(fx.owner, api_orgs_list(fx.owner, NULL, &query),
			     MODEL_PAGE, "next page");
		cr_assert_eq(model_page_join(all, &more), 0);
	}
	cr_assert_eq(all->count, 5);
	cr_assert_eq(((struct model_org *)all->items[0])->kind,
		     MODEL_ORG_PERSONAL, "oldest first: the personal one");
	for (i = 0; i < 4; i++)
		cr_assert_str_eq(((struct model_org *)all->items[i + 1])->name,
				 names[i]);
	cr_assert_str_eq(all->last_id, ((struct model_org *)all->items[4])->id);
	model_page_free(&all);

	/* A search, and a cursor that names nothing. */
	all = fx_ok(fx.owner,
		    api_orgs_list(fx.owner, NULL,
				  &(struct api_query){ .q = "ORG 2" }),
		    MODEL_PAGE, "search");
	cr_assert_eq(all->count, 1);
	cr_assert_str_eq(((struct model_org *)all->items[0])->name, "Org 2");
	model_page_free(&all);
	fx_fails(fx.owner,
		 api_orgs_list(fx.owner, NULL,
			       &(struct api_query){ .after = "org_nothing" }),
		 400, "invalid_cursor", "bad cursor");
}

Test(api_people, a_post_replayed_with_its_key_is_done_once)
{
	struct api_req req = { .idempotency_key = "create-acme-once" };
	struct api_result *first, *second;

	first = api_await(fx.owner, api_org_create(fx.owner, &req, "Acme"));
	second = api_await(fx.owner, api_org_create(fx.owner, &req, "Acme"));
	cr_assert_eq(first->status, 201);
	cr_assert_not(first->replayed);
	cr_assert_eq(second->status, 201);
	cr_assert(second->replayed);
	cr_assert_str_eq(((struct model_org *)first->object)->id,
			 ((struct model_org *)second->object)->id);
	api_result_free(&first);
	api_result_free(&second);

	/* The same key with another body is refused. */
	fx_fails(fx.owner, api_org_create(fx.owner, &req, "Other"), 422,
		 "idempotency_mismatch", "key reused");
}

Test(api_people, members_roles_and_etags)
{
	struct model_org *org = make_org("Acme");
	struct api *bo = join(org, "bo@example.com", ROLE_MEMBER);
	struct model_page *page;
	struct model_member *m, *owner = NULL, *bo_m = NULL, *up;
	struct model_deleted *gone;
	size_t i;

	page = fx_ok(fx.owner, api_members_list(fx.owner, NULL, org->id, NULL),
		     MODEL_PAGE, "members");
	cr_assert_eq(page->count, 2);
	for (i = 0; i < page->count; i++) {
		m = page->items[i];
		if (strcmp(m->user.email, "owner@example.com") == 0)
			owner = m;
		else if (strcmp(m->user.email, "bo@example.com") == 0)
			bo_m = m;
	}
	cr_assert_not_null(owner);
	cr_assert_not_null(bo_m);
	cr_assert(owner->owner);
	cr_assert_eq(perm_org_role(owner->role, owner->owner), ROLE_OWNER);
	cr_assert_not(bo_m->owner);
	cr_assert_eq(bo_m->role, ROLE_MEMBER);
	cr_assert_str_eq(bo_m->id, bo_m->user.id);
	cr_assert_str_eq(bo_m->user.name, "bo");
	cr_assert_neq(bo_m->joined_at, 0);

	/* A Member may not change roles; nobody may without If-Match. */
	fx_fails(bo,
		 api_member_update(bo, NULL, org->id, bo_m->id, bo_m->etag,
				   ROLE_ADMIN),
		 403, "role_required", "member promotes self");
	fx_fails(fx.owner,
		 api_member_update(fx.owner, NULL, org->id, bo_m->id, NULL,
				   ROLE_MANAGER),
		 428, "if_match_required", "no If-Match");
	up = fx_ok(fx.owner,
		   api_member_update(fx.owner, NULL, org->id, bo_m->id,
				     bo_m->etag, ROLE_MANAGER),
		   MODEL_MEMBER, "promote");
	cr_assert_eq(up->role, ROLE_MANAGER);
	cr_assert_str_neq(up->etag, bo_m->etag);
	cr_assert_eq(
		fx_fails(fx.owner,
			 api_member_update(fx.owner, NULL, org->id, bo_m->id,
					   bo_m->etag, ROLE_ADMIN),
			 412, "etag_mismatch", "stale promote"),
		API_ERR_CHANGED);
	fx_fails(fx.owner,
		 api_member_remove(fx.owner, NULL, org->id, owner->id, NULL),
		 409, "owner_required", "remove the owner");

	m = fx_ok(bo, api_member_get(bo, NULL, org->id, bo_m->id), MODEL_MEMBER,
		  "member get");
	cr_assert_eq(m->role, ROLE_MANAGER);
	model_member_free(&m);

	gone = fx_ok(
		fx.owner,
		api_member_remove(fx.owner, NULL, org->id, bo_m->id, up->etag),
		MODEL_DELETED, "remove");
	cr_assert(gone->deleted);
	fx_fails(bo, api_org_get(bo, NULL, org->id), 404, "not_found",
		 "a removed member no longer sees the org");

	model_deleted_free(&gone);
	model_member_free(&up);
	model_page_free(&page);
	api_free(&bo);
	model_org_free(&org);
}

Test(api_people, leaving_an_organization)
{
	struct model_org *org = make_org("Acme");
	struct api *cy = join(org, "cy@example.com", ROLE_ADMIN);
	struct model_deleted *gone;

	fx_fails(fx.owner, api_org_leave(fx.owner, NULL, org->id), 409,
		 "owner_required", "the owner leaves");
	gone = fx_ok(cy, api_org_leave(cy, NULL, org->id), MODEL_DELETED,
		     "leave");
	cr_assert_str_eq(gone->object, "member");
	cr_assert(gone->deleted);
	model_deleted_free(&gone);
	api_free(&cy);
	model_org_free(&org);
}

Test(api_people, invitations_from_creation_to_answer)
{
	struct model_org *org = make_org("Acme");
	const char *emails[] = { "dee@example.com", "owner@example.com",
				 "not an email" };
	struct api_invite invite = { .emails = emails,
				     .email_count = 3,
				     .role = ROLE_MANAGER,
				     .expires_in_days = 2 };
	struct model_invite_results *res;
	struct model_invitation *inv, *again, *revoked, *declined;
	struct model_page *page;
	struct model_me *me;
	struct model_acceptance *acc;
	char *dee_token = fx_user(&fx, "dee@example.com");
	struct api *dee = fx_client(&fx, dee_token);
	enum token_kind kind;

	res = fx_ok(fx.owner,
		    api_invitations_create(fx.owner, NULL, org->id, &invite),
		    MODEL_INVITE_RESULTS, "invite three");
	cr_assert_eq(res->count, 3);
	inv = res->items[0].invitation;
	cr_assert_not_null(inv);
	cr_assert_str_eq(res->items[0].email, "dee@example.com");
	cr_assert_eq(strncmp(inv->id, "inv_", 4), 0);
	cr_assert_str_eq(inv->org_id, org->id);
	cr_assert_str_eq(inv->org_name, "Acme");
	cr_assert_eq(inv->role, ROLE_MANAGER);
	cr_assert_eq(inv->status, MODEL_INVITATION_PENDING);
	cr_assert_eq(inv->sent_count, 1);
	cr_assert_eq(inv->expires_at - inv->created_at, 2 * 86400);
	cr_assert_not_null(inv->code);
	cr_assert_eq(token_check(&kind, inv->code), 0);
	cr_assert_eq(kind, TOKEN_INVITATION);
	cr_assert_null(res->items[1].invitation);
	cr_assert_str_eq(res->items[1].error_code, "already_member");
	cr_assert_null(res->items[2].invitation);
	cr_assert_str_eq(res->items[2].error_code, "invalid_value");

	/* Listed without the code, found by status. */
	page = fx_ok(fx.owner,
		     api_invitations_list(
			     fx.owner, NULL, org->id,
			     &(struct api_query){ .status = "pending" }),
		     MODEL_PAGE, "pending invitations");
	cr_assert_eq(page->count, 1);
	cr_assert_null(((struct model_invitation *)page->items[0])->code);
	model_page_free(&page);

	again = fx_ok(fx.owner,
		      api_invitation_resend(fx.owner, NULL, org->id, inv->id),
		      MODEL_INVITATION, "resend");
	cr_assert_eq(again->sent_count, 2);
	cr_assert_not_null(again->code);
	cr_assert_str_neq(again->code, inv->code, "a resend makes a new code");
	fx_fails(fx.owner,
		 api_invitation_accept_code(fx.owner, NULL, inv->code, NULL),
		 404, "not_found", "the old code");

	/* Dee sees it on me, and declines. */
	me = fx_ok(dee, api_me(dee, NULL), MODEL_ME, "dee me");
	cr_assert_eq(me->invitation_count, 1);
	cr_assert_str_eq(me->invitations[0]->id, inv->id);
	cr_assert_null(me->invitations[0]->code);
	model_me_free(&me);
	declined = fx_ok(dee, api_invitation_decline(dee, NULL, inv->id),
			 MODEL_INVITATION, "decline");
	cr_assert_eq(declined->status, MODEL_INVITATION_DECLINED);
	fx_fails(fx.owner,
		 api_invitation_revoke(fx.owner, NULL, org->id, inv->id), 409,
		 "invitation_not_pending", "revoke a declined one");

	/* A second invitation, revoked, then a third accepted by id. */
	model_invite_results_free(&res);
	res = fx_ok(fx.owner,
		    api_invitations_create(fx.owner, NULL, org->id, &invite),
		    MODEL_INVITE_RESULTS, "invite again");
	inv = res->items[0].invitation;
	revoked = fx_ok(fx.owner,
			api_invitation_revoke(fx.owner, NULL, org->id, inv->id),
			MODEL_INVITATION, "revoke");
	cr_assert_eq(revoked->status, MODEL_INVITATION_REVOKED);
	fx_fails(dee, api_invitation_accept(dee, NULL, inv->id), 409,
		 "invitation_not_pending", "accept a revoked one");

	model_invite_results_free(&res);
	res = fx_ok(fx.owner,
		    api_invitations_create(fx.owner, NULL, org->id, &invite),
		    MODEL_INVITE_RESULTS, "invite a third time");
	acc = fx_ok(
		dee,
		api_invitation_accept(dee, NULL, res->items[0].invitation->id),
		MODEL_ACCEPTANCE, "accept");
	cr_assert_str_eq(acc->user.email, "dee@example.com");
	cr_assert_str_eq(acc->org->id, org->id);
	cr_assert_eq(acc->org->role, ROLE_MANAGER);
	cr_assert_null(acc->token, "an existing user gets no new token");

	model_acceptance_free(&acc);
	model_invitation_free(&revoked);
	model_invitation_free(&declined);
	model_invitation_free(&again);
	model_invite_results_free(&res);
	api_free(&dee);
	free(dee_token);
	model_org_free(&org);
}

Test(api_people, a_manager_may_not_invite)
{
	struct model_org *org = make_org("Acme");
	struct api *mo = join(org, "mo@example.com", ROLE_MANAGER);
	const char *emails[] = { "x@example.com" };
	struct api_invite invite = { .emails = emails,
				     .email_count = 1,
				     .role = ROLE_MEMBER };
	struct api_result *res;
	char line[256];

	res = api_await(mo, api_invitations_create(mo, NULL, org->id, &invite));
	cr_assert_eq(res->status, 403);
	cr_assert_eq(res->error.kind, API_ERR_HTTP);
	cr_assert_str_eq(res->error.type, "permission_error");
	cr_assert_str_eq(res->error.code, "role_required");
	api_error_format(&res->error, line, sizeof(line));
	cr_assert_not_null(strstr(line, "Admin"), "names the role: %s", line);
	api_result_free(&res);
	api_free(&mo);
	model_org_free(&org);
}

Test(api_people, projects_and_their_members)
{
	struct model_org *org = make_org("Acme");
	struct api *pm = join(org, "pm@example.com", ROLE_MEMBER);
	struct model_project *prj, *got, *upd;
	struct model_project_member *added, *promoted;
	struct model_invitation *invited;
	struct model_page *page;
	struct model_deleted *gone;
	struct model_me *me;

	prj = fx_ok(fx.owner,
		    api_project_create(fx.owner, NULL, org->id, "Prod", "live"),
		    MODEL_PROJECT, "project create");
	cr_assert_eq(strncmp(prj->id, "prj_", 4), 0);
	cr_assert_str_eq(prj->org_id, org->id);
	cr_assert_str_eq(prj->name, "Prod");
	cr_assert_str_eq(prj->description, "live");
	cr_assert_eq(prj->role, ROLE_ADMIN);
	cr_assert(model_actions_has(prj->actions, PERM_PROJECT_DELETE));
	fx_fails(fx.owner,
		 api_project_create(fx.owner, NULL, org->id, "Prod", NULL), 409,
		 "name_taken", "same name twice");

	/* An org Member sees no project until added to one. */
	page = fx_ok(pm, api_projects_list(pm, NULL, org->id, NULL), MODEL_PAGE,
		     "member's projects");
	cr_assert_eq(page->count, 0);
	cr_assert_null(page->last_id);
	model_page_free(&page);
	fx_fails(pm, api_project_get(pm, NULL, prj->id), 404, "not_found",
		 "hidden project");

	me = fx_ok(pm, api_me(pm, NULL), MODEL_ME, "pm me");
	added = fx_ok(fx.owner,
		      api_project_member_add(fx.owner, NULL, prj->id,
					     me->user.id, NULL, ROLE_MEMBER),
		      MODEL_PROJECT_MEMBER, "add by id");
	cr_assert_str_eq(added->user.email, "pm@example.com");
	cr_assert_eq(added->role, ROLE_MEMBER);
	cr_assert_eq(added->org_role, ROLE_MEMBER);

	got = fx_ok(pm, api_project_get(pm, NULL, prj->id), MODEL_PROJECT,
		    "project get");
	cr_assert_eq(got->role, ROLE_MEMBER);
	cr_assert(model_actions_has(got->actions, PERM_PROJECT_READ));
	cr_assert_not(model_actions_has(got->actions, PERM_PROJECT_UPDATE));
	fx_fails(pm, api_project_update(pm, NULL, prj->id, NULL, "X", NULL),
		 403, "role_required", "member renames");

	promoted = fx_ok(fx.owner,
			 api_project_member_update(fx.owner, NULL, prj->id,
						   added->id, added->etag,
						   ROLE_MANAGER),
			 MODEL_PROJECT_MEMBER, "promote in project");
	cr_assert_eq(promoted->role, ROLE_MANAGER);
	fx_fails(fx.owner,
		 api_project_member_update(fx.owner, NULL, prj->id, added->id,
					   added->etag, ROLE_ADMIN),
		 412, "etag_mismatch", "stale project member");
	upd = fx_ok(pm,
		    api_project_update(pm, NULL, prj->id, got->etag, NULL,
				       "now managed"),
		    MODEL_PROJECT, "manager updates");
	cr_assert_str_eq(upd->description, "now managed");
	cr_assert_str_eq(upd->name, "Prod");

	/* By email: someone outside the org gets an invitation (202). */
	invited = fx_ok(fx.owner,
			api_project_member_add(fx.owner, NULL, prj->id, NULL,
					       "new@example.com", ROLE_MANAGER),
			MODEL_INVITATION, "add by email");
	cr_assert_str_eq(invited->email, "new@example.com");
	cr_assert_eq(invited->project_count, 1);
	cr_assert_str_eq(invited->projects[0].project_id, prj->id);
	cr_assert_eq(invited->projects[0].role, ROLE_MANAGER);
	cr_assert_not_null(invited->code);

	page = fx_ok(fx.owner,
		     api_project_members_list(fx.owner, NULL, prj->id, NULL),
		     MODEL_PAGE, "project members");
	cr_assert_geq(page->count, 1);
	model_page_free(&page);

	gone = fx_ok(fx.owner,
		     api_project_member_remove(fx.owner, NULL, prj->id,
					       added->id, NULL),
		     MODEL_DELETED, "remove from project");
	model_deleted_free(&gone);
	fx_fails(pm, api_project_get(pm, NULL, prj->id), 404, "not_found",
		 "removed from the project");

	gone = fx_ok(fx.owner,
		     api_project_delete(fx.owner, NULL, prj->id, NULL),
		     MODEL_DELETED, "project delete");
	cr_assert_str_eq(gone->object, "project");
	model_deleted_free(&gone);

	model_invitation_free(&invited);
	model_project_free(&upd);
	model_project_member_free(&promoted);
	model_project_free(&got);
	model_project_member_free(&added);
	model_me_free(&me);
	model_project_free(&prj);
	api_free(&pm);
	model_org_free(&org);
}

Test(api_people, ownership_moves_to_an_admin)
{
	struct model_org *org = make_org("Acme");
	struct api *ad = join(org, "ad@example.com", ROLE_ADMIN);
	struct model_me *me = fx_ok(ad, api_me(ad, NULL), MODEL_ME, "ad me");
	struct model_org *moved;

	fx_fails(fx.owner,
		 api_org_transfer(fx.owner, NULL, org->id, NULL, me->user.id),
		 428, "if_match_required", "transfer without If-Match");
	moved = fx_ok(fx.owner,
		      api_org_transfer(fx.owner, NULL, org->id, org->etag,
				       me->user.id),
		      MODEL_ORG, "transfer");
	cr_assert_str_eq(moved->owner_id, me->user.id);
	cr_assert_eq(moved->role, ROLE_ADMIN, "the old owner stays Admin");
	cr_assert_not(model_actions_has(moved->actions, PERM_ORG_DELETE));

	model_org_free(&moved);
	model_me_free(&me);
	api_free(&ad);
	model_org_free(&org);
}
