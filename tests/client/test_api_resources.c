/* SPDX-License-Identifier: MIT */
/*
 * The API client's calls about what lives in an organization or project,
 * against a real orgdeckd: API keys from creation to revocation (and acting
 * as one), connections, secrets and AuthKit configurations at both levels,
 * and the activity log they leave, decoded field by field.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "orgdeck/api.h"
#include "orgdeck/token.h"
#include "test_api_fixture.h"

static struct fx fx;
static struct model_org *org;
static struct model_project *prj;

static void setup(void)
{
	fx_start(&fx, NULL);
	org = fx_ok(fx.owner, api_org_create(fx.owner, NULL, "Acme"), MODEL_ORG,
		    "org create");
	prj = fx_ok(fx.owner,
		    api_project_create(fx.owner, NULL, org->id, "Prod", NULL),
		    MODEL_PROJECT, "project create");
}

static void teardown(void)
{
	model_project_free(&prj);
	model_org_free(&org);
	fx_stop(&fx);
}

TestSuite(api_resources, .init = setup, .fini = teardown, .timeout = 60);

Test(api_resources, an_org_key_from_creation_to_revocation)
{
	struct model_key *key, *got, *renamed, *rotated, *revoked;
	struct model_page *page;
	struct model_me *me;
	struct api *as_key, *as_old;
	enum token_kind kind;

	key = fx_ok(fx.owner,
		    api_key_create(fx.owner, NULL, SCOPE_ORG, org->id, "ci",
				   ROLE_MANAGER, 0),
		    MODEL_KEY, "key create");
	cr_assert_eq(strncmp(key->id, "key_", 4), 0);
	cr_assert_str_eq(key->name, "ci");
	cr_assert_eq(key->scope, SCOPE_ORG);
	cr_assert_str_eq(key->org_id, org->id);
	cr_assert_null(key->project_id);
	cr_assert_eq(key->role, ROLE_MANAGER);
	cr_assert_eq(key->status, MODEL_KEY_ACTIVE);
	cr_assert_eq(key->expires_at, 0);
	cr_assert_str_eq(key->created_by.email, "owner@example.com");
	cr_assert_not_null(key->secret, "the secret comes once, on create");
	cr_assert_eq(token_check(&kind, key->secret), 0);
	cr_assert_eq(kind, TOKEN_ORG_KEY);
	cr_assert_eq(strncmp(key->redacted, "odk_org_****", 12), 0);
	cr_assert_str_eq(key->redacted + 12, key->secret + TOKEN_LEN - 4);

	got = fx_ok(fx.owner, api_key_get(fx.owner, NULL, key->id), MODEL_KEY,
		    "key get");
	cr_assert_null(got->secret, "and never again");
	page = fx_ok(fx.owner,
		     api_keys_list(fx.owner, NULL, SCOPE_ORG, org->id, NULL),
		     MODEL_PAGE, "key list");
	cr_assert_eq(page->count, 1);
	cr_assert_null(((struct model_key *)page->items[0])->secret);
	model_page_free(&page);

	/* Acting as the key. */
	as_key = fx_client(&fx, key->secret);
	me = fx_ok(as_key, api_me(as_key, NULL), MODEL_ME, "me as a key");
	cr_assert(me->is_key);
	cr_assert_str_eq(me->key->id, key->id);
	cr_assert_eq(me->invitation_count, 0);
	model_me_free(&me);
	fx_fails(as_key,
		 api_key_create(as_key, NULL, SCOPE_ORG, org->id, "more",
				ROLE_MEMBER, 0),
		 403, "key_not_allowed", "a key mints a key");

	got->use_count = 0;
	model_key_free(&got);
	got = fx_ok(fx.owner, api_key_get(fx.owner, NULL, key->id), MODEL_KEY,
		    "key get after use");
	cr_assert_geq(got->use_count, 1);
	cr_assert_neq(got->last_used_at, 0);

	renamed = fx_ok(
		fx.owner,
		api_key_update(fx.owner, NULL, key->id, got->etag, "deploy"),
		MODEL_KEY, "key rename");
	cr_assert_str_eq(renamed->name, "deploy");
	fx_fails(fx.owner,
		 api_key_update(fx.owner, NULL, key->id, got->etag, "x"), 412,
		 "etag_mismatch", "stale rename");

	rotated = fx_ok(fx.owner, api_key_rotate(fx.owner, NULL, key->id, 0),
			MODEL_KEY, "rotate");
	cr_assert_not_null(rotated->secret);
	cr_assert_str_neq(rotated->secret, key->secret);
	as_old = as_key;
	fx_fails(as_old, api_me(as_old, NULL), 401, NULL, "the old secret");
	as_key = fx_client(&fx, rotated->secret);
	model_me_free(&(struct model_me *){
		fx_ok(as_key, api_me(as_key, NULL), MODEL_ME, "new secret") });

	revoked = fx_ok(fx.owner, api_key_revoke(fx.owner, NULL, key->id, NULL),
			MODEL_KEY, "revoke");
	cr_assert_eq(revoked->status, MODEL_KEY_REVOKED);
	fx_fails(as_key, api_me(as_key, NULL), 401, "revoked_token",
		 "a revoked key");

	api_free(&as_old);
	api_free(&as_key);
	model_key_free(&revoked);
	model_key_free(&rotated);
	model_key_free(&renamed);
	model_key_free(&got);
	model_key_free(&key);
}

Test(api_resources, a_project_key_reaches_only_its_project)
{
	struct model_key *key;
	struct model_project *seen;
	struct api *as_key;
	time_t when = time(NULL) + 86400 * 10;

	key = fx_ok(fx.owner,
		    api_key_create(fx.owner, NULL, SCOPE_PROJECT, prj->id,
				   "prj-ci", ROLE_MEMBER, when),
		    MODEL_KEY, "project key create");
	cr_assert_eq(key->scope, SCOPE_PROJECT);
	cr_assert_str_eq(key->project_id, prj->id);
	cr_assert_eq(key->expires_at, when);

	as_key = fx_client(&fx, key->secret);
	seen = fx_ok(as_key, api_project_get(as_key, NULL, prj->id),
		     MODEL_PROJECT, "its project");
	cr_assert_eq(seen->role, ROLE_MEMBER);
	fx_fails(as_key, api_members_list(as_key, NULL, org->id, NULL), 404,
		 "not_found", "the organization");

	fx_fails(fx.owner,
		 api_key_create(fx.owner, NULL, SCOPE_PROJECT, prj->id, "x",
				ROLE_MEMBER, time(NULL) - 60),
		 422, "invalid_value", "a key that expired already");

	model_project_free(&seen);
	api_free(&as_key);
	model_key_free(&key);
}

Test(api_resources, connections_list_summaries_and_read_details)
{
	struct api_resource_fields f = { .name = "stripe-live",
					 .provider = "stripe",
					 .config =
						 "{\"account\": \"acct_1\"}" };
	struct model_resource *con, *got, *upd;
	struct model_page *page;
	struct model_deleted *gone;

	con = fx_ok(fx.owner,
		    api_resource_create(fx.owner, NULL, MODEL_CONNECTION,
					SCOPE_ORG, org->id, &f),
		    MODEL_RESOURCE, "connection create");
	cr_assert_eq(con->kind, MODEL_CONNECTION);
	cr_assert_eq(strncmp(con->id, "con_", 4), 0);
	cr_assert_str_eq(con->org_id, org->id);
	cr_assert_null(con->project_id);
	cr_assert_str_eq(con->name, "stripe-live");
	cr_assert_str_eq(con->provider, "stripe");
	cr_assert_str_eq(con->config, "{\"account\":\"acct_1\"}");
	cr_assert_neq(con->status[0], '\0');
	fx_fails(fx.owner,
		 api_resource_create(fx.owner, NULL, MODEL_CONNECTION,
				     SCOPE_ORG, org->id, &f),
		 409, "name_taken", "same name twice");

	page = fx_ok(fx.owner,
		     api_resources_list(fx.owner, NULL, MODEL_CONNECTION,
					SCOPE_ORG, org->id, NULL),
		     MODEL_PAGE, "connection list");
	cr_assert_eq(page->count, 1);
	cr_assert_null(((struct model_resource *)page->items[0])->config,
		       "lists hold summaries");
	model_page_free(&page);

	got = fx_ok(fx.owner,
		    api_resource_get(fx.owner, NULL, MODEL_CONNECTION, con->id),
		    MODEL_RESOURCE, "connection get");
	cr_assert_str_eq(got->config, "{\"account\":\"acct_1\"}");
	upd = fx_ok(fx.owner,
		    api_resource_update(fx.owner, NULL, MODEL_CONNECTION,
					con->id, got->etag,
					&(struct api_resource_fields){
						.config = "{\"account\": 2}" }),
		    MODEL_RESOURCE, "connection update");
	cr_assert_str_eq(upd->config, "{\"account\":2}");
	cr_assert_str_eq(upd->name, "stripe-live");
	fx_fails(fx.owner,
		 api_resource_update(
			 fx.owner, NULL, MODEL_CONNECTION, con->id, got->etag,
			 &(struct api_resource_fields){ .name = "x" }),
		 412, "etag_mismatch", "stale connection");

	gone = fx_ok(fx.owner,
		     api_resource_delete(fx.owner, NULL, MODEL_CONNECTION,
					 con->id, upd->etag),
		     MODEL_DELETED, "connection delete");
	cr_assert_str_eq(gone->object, "connection");
	fx_fails(fx.owner,
		 api_resource_get(fx.owner, NULL, MODEL_CONNECTION, con->id),
		 404, "not_found", "deleted connection");

	model_deleted_free(&gone);
	model_resource_free(&upd);
	model_resource_free(&got);
	model_resource_free(&con);
}

Test(api_resources, a_member_creates_a_secret_but_never_reads_it)
{
	char *token = fx_join(&fx, org->id, "mem@example.com", ROLE_MEMBER);
	struct api *mem = fx_client(&fx, token);
	struct model_resource *sec, *got;
	struct model_page *page;

	sec = fx_ok(mem,
		    api_resource_create(mem, NULL, MODEL_SECRET, SCOPE_ORG,
					org->id,
					&(struct api_resource_fields){
						.name = "DATABASE_URL",
						.value = "postgres://db" }),
		    MODEL_RESOURCE, "secret create");
	cr_assert_eq(sec->kind, MODEL_SECRET);
	cr_assert_eq(strncmp(sec->id, "sec_", 4), 0);
	cr_assert_null(sec->value, "create answers the summary");

	fx_fails(mem, api_resource_get(mem, NULL, MODEL_SECRET, sec->id), 403,
		 "role_required", "a Member reads a secret");
	page = fx_ok(mem,
		     api_resources_list(mem, NULL, MODEL_SECRET, SCOPE_ORG,
					org->id, NULL),
		     MODEL_PAGE, "secret list");
	cr_assert_eq(page->count, 1);
	cr_assert_null(((struct model_resource *)page->items[0])->value);
	model_page_free(&page);

	got = fx_ok(fx.owner,
		    api_resource_get(fx.owner, NULL, MODEL_SECRET, sec->id),
		    MODEL_RESOURCE, "owner reads");
	cr_assert_str_eq(got->value, "postgres://db");

	model_resource_free(&got);
	model_resource_free(&sec);
	api_free(&mem);
	free(token);
}

Test(api_resources, authkit_in_a_project)
{
	const char *uris[] = { "https://app.example/cb", NULL };
	const char *providers[] = { "google", "github", NULL };
	const char *just_google[] = { "google", NULL };
	struct model_resource *akc, *got, *upd;
	struct model_page *page;

	akc = fx_ok(fx.owner,
		    api_resource_create(
			    fx.owner, NULL, MODEL_AUTHKIT, SCOPE_PROJECT,
			    prj->id,
			    &(struct api_resource_fields){
				    .name = "customer-login",
				    .redirect_uris = uris,
				    .providers = providers,
				    .config = "{\"session_minutes\": 60}" }),
		    MODEL_RESOURCE, "authkit create");
	cr_assert_eq(akc->kind, MODEL_AUTHKIT);
	cr_assert_str_eq(akc->project_id, prj->id);
	cr_assert_str_eq(akc->redirect_uris[0], "https://app.example/cb");
	cr_assert_null(akc->redirect_uris[1]);
	cr_assert_str_eq(akc->providers[1], "github");
	cr_assert_str_eq(akc->config, "{\"session_minutes\":60}");

	page = fx_ok(fx.owner,
		     api_resources_list(fx.owner, NULL, MODEL_AUTHKIT,
					SCOPE_PROJECT, prj->id, NULL),
		     MODEL_PAGE, "authkit list");
	cr_assert_eq(page->count, 1);
	cr_assert_null(((struct model_resource *)page->items[0])->config);
	model_page_free(&page);
	page = fx_ok(fx.owner,
		     api_resources_list(fx.owner, NULL, MODEL_AUTHKIT,
					SCOPE_ORG, org->id, NULL),
		     MODEL_PAGE, "authkit at org level");
	cr_assert_eq(page->count, 0, "a project's configuration stays there");
	model_page_free(&page);

	got = fx_ok(fx.owner,
		    api_resource_get(fx.owner, NULL, MODEL_AUTHKIT, akc->id),
		    MODEL_RESOURCE, "authkit get");
	upd = fx_ok(fx.owner,
		    api_resource_update(fx.owner, NULL, MODEL_AUTHKIT, akc->id,
					got->etag,
					&(struct api_resource_fields){
						.providers = just_google }),
		    MODEL_RESOURCE, "authkit update");
	cr_assert_str_eq(upd->providers[0], "google");
	cr_assert_null(upd->providers[1]);
	cr_assert_str_eq(upd->redirect_uris[0], "https://app.example/cb");

	model_resource_free(&upd);
	model_resource_free(&got);
	model_resource_free(&akc);
}

Test(api_resources, activity_records_what_was_done)
{
	struct model_resource *sec;
	struct model_page *page;
	struct model_event *e;
	struct model_me *me =
		fx_ok(fx.owner, api_me(fx.owner, NULL), MODEL_ME, "me");

	sec = fx_ok(
		fx.owner,
		api_resource_create(
			fx.owner, NULL, MODEL_SECRET, SCOPE_PROJECT, prj->id,
			&(struct api_resource_fields){ .name = "TOKEN",
						       .value = "hunter2" }),
		MODEL_RESOURCE, "secret create");

	page = fx_ok(fx.owner,
		     api_events_list(fx.owner, NULL, SCOPE_ORG, org->id, NULL),
		     MODEL_PAGE, "org events");
	cr_assert_geq(page->count, 3, "org, project and secret were made");
	e = page->items[0];
	cr_assert_str_eq(e->action, "secret.create", "newest first");
	cr_assert_eq(strncmp(e->id, "evt_", 4), 0);
	cr_assert_str_eq(e->org_id, org->id);
	cr_assert_str_eq(e->project_id, prj->id);
	cr_assert_str_eq(e->actor.type, "user");
	cr_assert_str_eq(e->actor.id, me->user.id);
	cr_assert_str_eq(e->target.id, sec->id);
	cr_assert_neq(e->created_at, 0);
	cr_assert_eq(strncmp(e->request_id, "req_", 4), 0, "%s", e->request_id);
	cr_assert(e->after == NULL || strstr(e->after, "hunter2") == NULL,
		  "an event never holds a secret: %s", e->after);
	model_page_free(&page);

	page = fx_ok(fx.owner,
		     api_events_list(
			     fx.owner, NULL, SCOPE_ORG, org->id,
			     &(struct api_query){ .action = "project.create" }),
		     MODEL_PAGE, "filtered events");
	cr_assert_eq(page->count, 1);
	cr_assert_str_eq(((struct model_event *)page->items[0])->action,
			 "project.create");
	model_page_free(&page);

	page = fx_ok(fx.owner,
		     api_events_list(fx.owner, NULL, SCOPE_PROJECT, prj->id,
				     &(struct api_query){ .limit = 1 }),
		     MODEL_PAGE, "project events");
	cr_assert_eq(page->count, 1);
	cr_assert_str_eq(((struct model_event *)page->items[0])->action,
			 "secret.create");
	model_page_free(&page);

	model_resource_free(&sec);
	model_me_free(&me);
}
