/* SPDX-License-Identifier: MIT */
/*
 * Decoding of the API's objects from literal JSON written from the examples
 * of docs/api.md: every field read back, then missing fields, wrong types,
 * unknown roles and permissions, and every field of every example replaced
 * by every JSON type, which must never crash.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "orgdeck/model.h"

/* Decodes @text as @type; the test fails if @text is not JSON. */
static void *decode(enum model_type type, const char *text)
{
	cJSON *json = cJSON_Parse(text);
	void *obj;

	cr_assert_not_null(json, "bad literal: %s", text);
	obj = model_decode(type, json);
	cJSON_Delete(json);
	return obj;
}

static struct model_page *decode_page(enum model_type type, const char *text)
{
	cJSON *json = cJSON_Parse(text);
	struct model_page *page;

	cr_assert_not_null(json, "bad literal: %s", text);
	page = model_page_decode(json, type);
	cJSON_Delete(json);
	return page;
}

#define USER_JSON                                                      \
	"{\"object\": \"user\", \"id\": \"usr_1\", "                   \
	"\"email\": \"ada@example.com\", \"name\": \"Ada Lovelace\", " \
	"\"created_at\": \"2026-12-03T17:40:00Z\"}"

static const char org_json[] =
	"{\"object\": \"organization\", \"id\": \"org_1\", \"name\": \"Acme\","
	" \"kind\": \"personal\", \"owner_id\": \"usr_1\","
	" \"created_at\": \"2026-12-03T17:40:00Z\","
	" \"updated_at\": \"2026-12-04T00:00:01Z\", \"etag\": \"\\\"v3\\\"\","
	" \"role\": \"owner\","
	" \"actions\": [\"org.read\", \"member.list\", \"teleport.now\", 7,"
	" \"secret.read\"]}";

static const char project_json[] =
	"{\"object\": \"project\", \"id\": \"prj_1\", \"org_id\": \"org_1\","
	" \"name\": \"Prod\", \"description\": \"live\","
	" \"created_at\": \"2026-12-03T17:40:00Z\","
	" \"updated_at\": \"2026-12-03T17:40:00Z\", \"etag\": \"\\\"v1\\\"\","
	" \"role\": \"manager\", \"actions\": [\"project.read\","
	" \"project.update\"]}";

static const char member_json[] =
	"{\"object\": \"member\", \"id\": \"usr_1\", \"user\": " USER_JSON ","
	" \"role\": \"admin\", \"owner\": true,"
	" \"joined_at\": \"2026-12-03T17:40:00Z\", \"etag\": \"\\\"v2\\\"\"}";

static const char project_member_json[] =
	"{\"object\": \"project_member\", \"id\": \"usr_1\", "
	"\"user\": " USER_JSON
	", \"role\": \"manager\", \"org_role\": \"member\","
	" \"added_at\": \"2026-12-03T17:40:00Z\", \"etag\": \"\\\"v1\\\"\"}";

static const char invitation_json[] =
	"{\"object\": \"invitation\", \"id\": \"inv_1\", \"org_id\": \"org_1\","
	" \"org_name\": \"Acme\", \"email\": \"bo@example.com\","
	" \"role\": \"member\", \"projects\": [{\"project_id\": \"prj_1\","
	" \"role\": \"manager\"}, 3, {\"role\": \"admin\"}],"
	" \"status\": \"pending\", \"invited_by\": \"usr_1\","
	" \"created_at\": \"2026-12-03T17:40:00Z\","
	" \"expires_at\": \"2026-12-10T17:40:00Z\", \"sent_count\": 2,"
	" \"last_sent_at\": \"2026-12-04T17:40:00Z\", \"etag\": \"\\\"v1\\\"\","
	" \"code\": \"odk_inv_abc\"}";

static const char key_json[] =
	"{\"object\": \"api_key\", \"id\": \"key_1\", \"name\": \"ci\","
	" \"scope\": \"project\", \"org_id\": \"org_1\", \"project_id\": "
	"\"prj_1\","
	" \"role\": \"manager\", \"redacted\": \"odk_prj_****a1b2\","
	" \"created_by\": " USER_JSON
	", \"created_at\": \"2026-12-03T17:40:00Z\","
	" \"expires_at\": null, \"last_used_at\": \"2026-12-05T10:00:00Z\","
	" \"use_count\": 12, \"status\": \"active\", \"etag\": \"\\\"v1\\\"\","
	" \"secret\": \"odk_prj_secret\"}";

static const char connection_json[] =
	"{\"object\": \"connection\", \"id\": \"con_1\", \"org_id\": \"org_1\","
	" \"project_id\": null, \"name\": \"stripe-live\", \"provider\": "
	"\"stripe\", \"status\": \"active\", \"created_by\": \"usr_1\","
	" \"created_at\": \"2026-12-03T17:40:00Z\","
	" \"updated_at\": \"2026-12-03T17:40:00Z\", \"etag\": \"\\\"v1\\\"\","
	" \"config\": {\"account\": \"acct_1\"}}";

static const char secret_json[] =
	"{\"object\": \"secret\", \"id\": \"sec_1\", \"org_id\": \"org_1\","
	" \"project_id\": \"prj_1\", \"name\": \"DATABASE_URL\","
	" \"created_by\": \"usr_1\", \"created_at\": \"2026-12-03T17:40:00Z\","
	" \"updated_at\": \"2026-12-03T17:40:00Z\", \"etag\": \"\\\"v1\\\"\","
	" \"value\": \"postgres://db\"}";

static const char authkit_json[] =
	"{\"object\": \"authkit\", \"id\": \"akc_1\", \"org_id\": \"org_1\","
	" \"project_id\": null, \"name\": \"customer-login\","
	" \"redirect_uris\": [\"https://a.example/cb\", 5,"
	" \"https://b.example/cb\"], \"providers\": [\"google\", \"github\"],"
	" \"created_by\": \"usr_1\", \"created_at\": \"2026-12-03T17:40:00Z\","
	" \"updated_at\": \"2026-12-03T17:40:00Z\", \"etag\": \"\\\"v1\\\"\","
	" \"settings\": {\"session_minutes\": 60}}";

static const char event_json[] =
	"{\"object\": \"event\", \"id\": \"evt_1\", \"org_id\": \"org_1\","
	" \"project_id\": null, \"actor\": {\"type\": \"user\", \"id\": "
	"\"usr_1\", \"name\": \"Ada Lovelace\"}, \"action\": \"member.update\","
	" \"target\": {\"type\": \"member\", \"id\": \"usr_2\","
	" \"name\": \"bo@example.com\"}, \"before\": {\"role\": \"member\"},"
	" \"after\": {\"role\": \"manager\"}, \"request_id\": \"req_1\","
	" \"created_at\": \"2026-12-03T17:40:00Z\"}";

/* 2026-12-03T17:40:00Z */
#define T0 ((time_t)1796319600)

Test(model, user)
{
	struct model_user *u = decode(MODEL_USER, USER_JSON);

	cr_assert_not_null(u);
	cr_assert_str_eq(u->id, "usr_1");
	cr_assert_str_eq(u->email, "ada@example.com");
	cr_assert_str_eq(u->name, "Ada Lovelace");
	cr_assert_eq(u->created_at, T0);
	model_user_free(&u);
	cr_assert_null(u);
}

Test(model, org_fields_and_actions)
{
	struct model_org *o = decode(MODEL_ORG, org_json);

	cr_assert_not_null(o);
	cr_assert_str_eq(o->id, "org_1");
	cr_assert_str_eq(o->name, "Acme");
	cr_assert_eq(o->kind, MODEL_ORG_PERSONAL);
	cr_assert_str_eq(o->owner_id, "usr_1");
	cr_assert_eq(o->created_at, T0);
	cr_assert_eq(o->updated_at, T0 + 6 * 3600 + 20 * 60 + 1);
	cr_assert_str_eq(o->etag, "\"v3\"");
	cr_assert_eq(o->role, ROLE_OWNER);

	/* Known names set their bit, the unknown name and the number do not. */
	cr_assert(model_actions_has(o->actions, PERM_ORG_READ));
	cr_assert(model_actions_has(o->actions, PERM_MEMBER_LIST));
	cr_assert(model_actions_has(o->actions, PERM_SECRET_READ));
	cr_assert_not(model_actions_has(o->actions, PERM_ORG_DELETE));
	cr_assert_eq(__builtin_popcountll(o->actions), 3);
	cr_assert_not(model_actions_has(o->actions, PERM__COUNT));
	model_org_free(&o);
}

Test(model, org_missing_fields_read_as_absent)
{
	struct model_org *o = decode(MODEL_ORG, "{\"id\": \"org_2\"}");

	cr_assert_not_null(o);
	cr_assert_str_eq(o->name, "");
	cr_assert_str_eq(o->etag, "");
	cr_assert_eq(o->kind, MODEL_ORG_TEAM);
	cr_assert_eq(o->role, ROLE_NONE);
	cr_assert_eq(o->actions, 0);
	cr_assert_eq(o->created_at, 0);
	model_org_free(&o);
}

Test(model, org_wrong_types_read_as_absent)
{
	struct model_org *o = decode(
		MODEL_ORG, "{\"id\": \"org_2\", \"name\": 42, \"kind\": [],"
			   " \"role\": \"emperor\", \"actions\": \"org.read\","
			   " \"created_at\": \"yesterday\", \"etag\": null}");

	cr_assert_not_null(o);
	cr_assert_str_eq(o->name, "");
	cr_assert_eq(o->kind, MODEL_ORG_TEAM);
	cr_assert_eq(o->role, ROLE_NONE);
	cr_assert_eq(o->actions, 0);
	cr_assert_eq(o->created_at, 0);
	cr_assert_str_eq(o->etag, "");
	model_org_free(&o);
}

Test(model, refuses_what_is_not_the_object)
{
	cr_assert_null(decode(MODEL_ORG, "{\"name\": \"no id\"}"));
	cr_assert_null(decode(MODEL_ORG, "{\"id\": 7}"));
	cr_assert_null(decode(MODEL_ORG, "[1, 2]"));
	cr_assert_null(decode(MODEL_ORG, "\"org_1\""));
	cr_assert_null(decode(MODEL_ORG, "null"));
	cr_assert_null(decode(MODEL_ORG, project_json));
	cr_assert_null(decode(MODEL_PROJECT, org_json));
	cr_assert_null(decode(MODEL_RESOURCE, org_json));
	cr_assert_null(model_org_decode(NULL));
	cr_assert_null(model_decode(MODEL_PAGE, NULL));
	cr_assert_null(model_decode(MODEL__COUNT, NULL));
}

Test(model, project)
{
	struct model_project *p = decode(MODEL_PROJECT, project_json);

	cr_assert_not_null(p);
	cr_assert_str_eq(p->id, "prj_1");
	cr_assert_str_eq(p->org_id, "org_1");
	cr_assert_str_eq(p->name, "Prod");
	cr_assert_str_eq(p->description, "live");
	cr_assert_str_eq(p->etag, "\"v1\"");
	cr_assert_eq(p->role, ROLE_MANAGER);
	cr_assert(model_actions_has(p->actions, PERM_PROJECT_UPDATE));
	cr_assert_not(model_actions_has(p->actions, PERM_PROJECT_DELETE));
	model_project_free(&p);
}

Test(model, member_and_project_member)
{
	struct model_member *m = decode(MODEL_MEMBER, member_json);
	struct model_project_member *pm =
		decode(MODEL_PROJECT_MEMBER, project_member_json);

	cr_assert_not_null(m);
	cr_assert_str_eq(m->id, "usr_1");
	cr_assert_str_eq(m->user.email, "ada@example.com");
	cr_assert_eq(m->role, ROLE_ADMIN);
	cr_assert(m->owner);
	cr_assert_eq(perm_org_role(m->role, m->owner), ROLE_OWNER);
	cr_assert_eq(m->joined_at, T0);
	cr_assert_str_eq(m->etag, "\"v2\"");

	cr_assert_not_null(pm);
	cr_assert_str_eq(pm->user.name, "Ada Lovelace");
	cr_assert_eq(pm->role, ROLE_MANAGER);
	cr_assert_eq(pm->org_role, ROLE_MEMBER);
	cr_assert_eq(pm->added_at, T0);
	model_member_free(&m);
	model_project_member_free(&pm);
}

Test(model, member_without_user_has_empty_user)
{
	struct model_member *m =
		decode(MODEL_MEMBER, "{\"id\": \"usr_1\", \"user\": 5}");

	cr_assert_not_null(m);
	cr_assert_str_eq(m->user.id, "");
	cr_assert_str_eq(m->user.email, "");
	cr_assert_not(m->owner);
	model_member_free(&m);
}

Test(model, invitation)
{
	struct model_invitation *inv =
		decode(MODEL_INVITATION, invitation_json);

	cr_assert_not_null(inv);
	cr_assert_str_eq(inv->id, "inv_1");
	cr_assert_str_eq(inv->org_name, "Acme");
	cr_assert_str_eq(inv->email, "bo@example.com");
	cr_assert_eq(inv->role, ROLE_MEMBER);
	/* The number and the entry without project_id are skipped. */
	cr_assert_eq(inv->project_count, 1);
	cr_assert_str_eq(inv->projects[0].project_id, "prj_1");
	cr_assert_eq(inv->projects[0].role, ROLE_MANAGER);
	cr_assert_eq(inv->status, MODEL_INVITATION_PENDING);
	cr_assert_str_eq(inv->invited_by, "usr_1");
	cr_assert_eq(inv->expires_at, T0 + 7 * 86400);
	cr_assert_eq(inv->sent_count, 2);
	cr_assert_eq(inv->last_sent_at, T0 + 86400);
	cr_assert_str_eq(inv->code, "odk_inv_abc");
	model_invitation_free(&inv);
}

Test(model, invitation_without_code_and_unknown_status)
{
	struct model_invitation *inv =
		decode(MODEL_INVITATION, "{\"id\": \"inv_2\", \"status\": "
					 "\"lost\", \"projects\": {}}");

	cr_assert_not_null(inv);
	cr_assert_null(inv->code);
	cr_assert_eq(inv->status, MODEL_INVITATION_UNKNOWN);
	cr_assert_eq(inv->project_count, 0);
	cr_assert_str_eq(model_invitation_status_name(inv->status), "unknown");
	model_invitation_free(&inv);
}

Test(model, invite_results)
{
	static const char text[] =
		"{\"object\": \"invitation_results\", \"data\": ["
		"{\"email\": \"bo@example.com\", \"invitation\": "
		"{\"object\": \"invitation\", \"id\": \"inv_1\", \"code\": "
		"\"odk_inv_x\"}},"
		"{\"email\": \"cy@example.com\", \"error\": {\"code\": "
		"\"already_member\", \"message\": \"cy is a member\"}}]}";
	struct model_invite_results *r = decode(MODEL_INVITE_RESULTS, text);

	cr_assert_not_null(r);
	cr_assert_eq(r->count, 2);
	cr_assert_str_eq(r->items[0].email, "bo@example.com");
	cr_assert_not_null(r->items[0].invitation);
	cr_assert_str_eq(r->items[0].invitation->code, "odk_inv_x");
	cr_assert_str_eq(r->items[0].error_code, "");
	cr_assert_null(r->items[1].invitation);
	cr_assert_str_eq(r->items[1].error_code, "already_member");
	cr_assert_str_eq(r->items[1].error_message, "cy is a member");
	model_invite_results_free(&r);
}

Test(model, acceptance)
{
	char text[2048];
	struct model_acceptance *a;

	snprintf(text, sizeof(text),
		 "{\"object\": \"acceptance\", \"user\": %s, "
		 "\"organization\": %s, \"token\": \"odk_pat_new\"}",
		 USER_JSON, org_json);
	a = decode(MODEL_ACCEPTANCE, text);
	cr_assert_not_null(a);
	cr_assert_str_eq(a->user.id, "usr_1");
	cr_assert_str_eq(a->org->name, "Acme");
	cr_assert_str_eq(a->token, "odk_pat_new");
	model_acceptance_free(&a);

	/* Without an organization there is nothing to show. */
	snprintf(text, sizeof(text),
		 "{\"object\": \"acceptance\", \"user\": %s}", USER_JSON);
	cr_assert_null(decode(MODEL_ACCEPTANCE, text));
}

Test(model, key)
{
	struct model_key *k = decode(MODEL_KEY, key_json);

	cr_assert_not_null(k);
	cr_assert_str_eq(k->id, "key_1");
	cr_assert_str_eq(k->name, "ci");
	cr_assert_eq(k->scope, SCOPE_PROJECT);
	cr_assert_str_eq(k->project_id, "prj_1");
	cr_assert_eq(k->role, ROLE_MANAGER);
	cr_assert_str_eq(k->redacted, "odk_prj_****a1b2");
	cr_assert_str_eq(k->created_by.email, "ada@example.com");
	cr_assert_eq(k->expires_at, 0);
	cr_assert_eq(k->last_used_at, T0 + 2 * 86400 - 7 * 3600 - 40 * 60);
	cr_assert_eq(k->use_count, 12);
	cr_assert_eq(k->status, MODEL_KEY_ACTIVE);
	cr_assert_str_eq(k->secret, "odk_prj_secret");
	model_key_free(&k);
}

Test(model, org_key_has_no_project)
{
	struct model_key *k =
		decode(MODEL_KEY,
		       "{\"object\": \"api_key\", \"id\": \"key_2\","
		       " \"scope\": \"org\", \"project_id\": null,"
		       " \"status\": \"revoked\", \"use_count\": \"many\"}");

	cr_assert_not_null(k);
	cr_assert_eq(k->scope, SCOPE_ORG);
	cr_assert_null(k->project_id);
	cr_assert_null(k->secret);
	cr_assert_eq(k->status, MODEL_KEY_REVOKED);
	cr_assert_eq(k->use_count, 0);
	cr_assert_str_eq(k->created_by.id, "");
	model_key_free(&k);
}

Test(model, connection)
{
	struct model_resource *r = decode(MODEL_RESOURCE, connection_json);

	cr_assert_not_null(r);
	cr_assert_eq(r->kind, MODEL_CONNECTION);
	cr_assert_str_eq(r->id, "con_1");
	cr_assert_null(r->project_id);
	cr_assert_str_eq(r->name, "stripe-live");
	cr_assert_str_eq(r->provider, "stripe");
	cr_assert_str_eq(r->status, "active");
	cr_assert_str_eq(r->config, "{\"account\":\"acct_1\"}");
	cr_assert_null(r->value);
	cr_assert_null(r->redirect_uris[0]);
	model_resource_free(&r);
}

Test(model, secret_with_and_without_value)
{
	struct model_resource *r = decode(MODEL_RESOURCE, secret_json);

	cr_assert_not_null(r);
	cr_assert_eq(r->kind, MODEL_SECRET);
	cr_assert_str_eq(r->project_id, "prj_1");
	cr_assert_str_eq(r->value, "postgres://db");
	cr_assert_null(r->config);
	model_resource_free(&r);

	/* A summary: no object name, kind known from the id. */
	r = decode(MODEL_RESOURCE, "{\"id\": \"sec_2\", \"name\": \"X\"}");
	cr_assert_not_null(r);
	cr_assert_eq(r->kind, MODEL_SECRET);
	cr_assert_null(r->value);
	model_resource_free(&r);

	cr_assert_null(decode(MODEL_RESOURCE, "{\"id\": \"zzz_2\"}"));
}

Test(model, authkit)
{
	struct model_resource *r = decode(MODEL_RESOURCE, authkit_json);

	cr_assert_not_null(r);
	cr_assert_eq(r->kind, MODEL_AUTHKIT);
	cr_assert_str_eq(r->redirect_uris[0], "https://a.example/cb");
	cr_assert_str_eq(r->redirect_uris[1], "https://b.example/cb");
	cr_assert_null(r->redirect_uris[2]);
	cr_assert_str_eq(r->providers[1], "github");
	cr_assert_null(r->providers[2]);
	cr_assert_str_eq(r->config, "{\"session_minutes\":60}");
	cr_assert_str_eq(r->provider, "");
	model_resource_free(&r);
}

Test(model, event)
{
	struct model_event *e = decode(MODEL_EVENT, event_json);

	cr_assert_not_null(e);
	cr_assert_str_eq(e->id, "evt_1");
	cr_assert_null(e->project_id);
	cr_assert_str_eq(e->actor.type, "user");
	cr_assert_str_eq(e->actor.name, "Ada Lovelace");
	cr_assert_str_eq(e->action, "member.update");
	cr_assert_str_eq(e->target.id, "usr_2");
	cr_assert_str_eq(e->before, "{\"role\":\"member\"}");
	cr_assert_str_eq(e->after, "{\"role\":\"manager\"}");
	cr_assert_str_eq(e->request_id, "req_1");
	cr_assert_eq(e->created_at, T0);
	model_event_free(&e);
}

Test(model, me_as_user_and_as_key)
{
	char text[4096];
	struct model_me *me;

	snprintf(text, sizeof(text),
		 "{\"object\": \"me\", \"user\": %s, \"auth\": {\"type\": "
		 "\"user\"}, \"organizations\": [%s, %s], \"invitations\": "
		 "[%s]}",
		 USER_JSON, org_json, org_json, invitation_json);
	me = decode(MODEL_ME, text);
	cr_assert_not_null(me);
	cr_assert_str_eq(me->user.email, "ada@example.com");
	cr_assert_not(me->is_key);
	cr_assert_null(me->key);
	cr_assert_eq(me->org_count, 2);
	cr_assert_eq(me->orgs[1]->role, ROLE_OWNER);
	cr_assert_eq(me->invitation_count, 1);
	cr_assert_str_eq(me->invitations[0]->email, "bo@example.com");
	model_me_free(&me);

	snprintf(text, sizeof(text),
		 "{\"object\": \"me\", \"user\": %s, \"auth\": {\"type\": "
		 "\"key\", \"key\": %s}}",
		 USER_JSON, key_json);
	me = decode(MODEL_ME, text);
	cr_assert_not_null(me);
	cr_assert(me->is_key);
	cr_assert_str_eq(me->key->id, "key_1");
	cr_assert_eq(me->org_count, 0);
	cr_assert_null(me->orgs);
	model_me_free(&me);
}

Test(model, deleted)
{
	struct model_deleted *d =
		decode(MODEL_DELETED, "{\"object\": \"project\", \"id\": "
				      "\"prj_1\", \"deleted\": true}");

	cr_assert_not_null(d);
	cr_assert_str_eq(d->object, "project");
	cr_assert_str_eq(d->id, "prj_1");
	cr_assert(d->deleted);
	model_deleted_free(&d);
}

Test(model, page_and_join)
{
	char text[4096];
	struct model_page *page, *more;

	snprintf(text, sizeof(text),
		 "{\"object\": \"list\", \"data\": [%s, %s], \"has_more\": "
		 "true, \"last_id\": \"prj_1\"}",
		 project_json, project_json);
	page = decode_page(MODEL_PROJECT, text);
	cr_assert_not_null(page);
	cr_assert_eq(page->count, 2);
	cr_assert(page->has_more);
	cr_assert_str_eq(page->last_id, "prj_1");
	cr_assert_str_eq(((struct model_project *)page->items[1])->name,
			 "Prod");

	more = decode_page(MODEL_PROJECT,
			   "{\"object\": \"list\", \"data\": [{\"id\": "
			   "\"prj_9\"}], \"has_more\": false, \"last_id\": "
			   "\"prj_9\"}");
	cr_assert_not_null(more);
	cr_assert_eq(model_page_join(page, &more), 0);
	cr_assert_null(more);
	cr_assert_eq(page->count, 3);
	cr_assert_not(page->has_more);
	cr_assert_str_eq(page->last_id, "prj_9");
	cr_assert_str_eq(((struct model_project *)page->items[2])->id, "prj_9");
	model_page_free(&page);
}

Test(model, page_join_refuses_other_types)
{
	struct model_page *a = decode_page(MODEL_ORG, "{\"data\": []}");
	struct model_page *b = decode_page(MODEL_USER, "{\"data\": []}");

	cr_assert_not_null(a);
	cr_assert_null(a->last_id);
	cr_assert_eq(model_page_join(a, &b), -1);
	cr_assert_not_null(b);
	model_page_free(&a);
	model_page_free(&b);
}

Test(model, page_with_a_bad_item_fails)
{
	cr_assert_null(decode_page(MODEL_ORG, "{\"object\": \"list\", \"data\":"
					      " [{\"id\": \"org_1\"}, 5]}"));
	cr_assert_null(decode_page(MODEL_ORG, "{\"data\": {}}"));
	cr_assert_null(decode_page(MODEL_ORG, "{\"object\": \"org\", "
					      "\"data\": []}"));
}

Test(model, times)
{
	time_t t = 1;

	cr_assert_eq(model_time_parse(&t, "2026-12-03T17:40:00Z"), 0);
	cr_assert_eq(t, T0);
	cr_assert_eq(model_time_parse(&t, "1970-01-01T00:00:00Z"), 0);
	cr_assert_eq(t, 0);
	cr_assert_eq(model_time_parse(&t, "2026-13-03T17:40:00Z"), -1);
	cr_assert_eq(model_time_parse(&t, "2026-12-03T17:40:00"), -1);
	cr_assert_eq(model_time_parse(&t, "2026-12-03T17:40:00+01:00"), -1);
	cr_assert_eq(model_time_parse(&t, "2026-12-03 17:40:00Z"), -1);
	cr_assert_eq(model_time_parse(&t, ""), -1);
	cr_assert_eq(model_time_parse(&t, NULL), -1);

	char out[21];

	model_time_format(out, T0);
	cr_assert_str_eq(out, "2026-12-03T17:40:00Z");
}

Test(model, names)
{
	cr_assert_eq(model_type_parse("organization"), MODEL_ORG);
	cr_assert_eq(model_type_parse("secret"), MODEL_RESOURCE);
	cr_assert_eq(model_type_parse("wat"), MODEL_NONE);
	cr_assert_str_eq(model_resource_kind_path(MODEL_CONNECTION),
			 "connections");
	cr_assert_str_eq(model_resource_kind_name(MODEL_AUTHKIT), "authkit");
	cr_assert_null(model_resource_kind_name(MODEL_RESOURCE__COUNT));
	cr_assert_str_eq(model_key_status_name(MODEL_KEY_EXPIRED), "expired");
}

/*
 * Replaces each field of @text in turn by each JSON type and decodes the
 * result as @type: nothing may crash, leak or read out of bounds (ASan
 * and valgrind watch), and an object that still has its id decodes.
 */
static void mutate_all(enum model_type type, const char *text)
{
	static const char *const values[] = { "null",  "1",   "-1e300",
					      "\"x\"", "[]",  "[1,{}]",
					      "{}",    "true" };
	cJSON *json = cJSON_Parse(text);
	const cJSON *field;

	cr_assert_not_null(json);
	cJSON_ArrayForEach(field, json)
	{
		for (size_t v = 0; v < sizeof(values) / sizeof(*values); v++) {
			cJSON *copy = cJSON_Duplicate(json, true);
			void *obj;

			cJSON_ReplaceItemInObjectCaseSensitive(
				copy, field->string, cJSON_Parse(values[v]));
			obj = model_decode(type, copy);
			if (strcmp(field->string, "id") != 0 &&
			    strcmp(field->string, "object") != 0 &&
			    strcmp(field->string, "organization") != 0)
				cr_assert_not_null(obj, "%s = %s",
						   field->string, values[v]);
			model_free(type, obj);
			cJSON_Delete(copy);
		}
	}
	cJSON_Delete(json);
}

Test(model, every_field_of_every_type_may_be_wrong)
{
	mutate_all(MODEL_USER, USER_JSON);
	mutate_all(MODEL_ORG, org_json);
	mutate_all(MODEL_PROJECT, project_json);
	mutate_all(MODEL_MEMBER, member_json);
	mutate_all(MODEL_PROJECT_MEMBER, project_member_json);
	mutate_all(MODEL_INVITATION, invitation_json);
	mutate_all(MODEL_KEY, key_json);
	mutate_all(MODEL_RESOURCE, connection_json);
	mutate_all(MODEL_RESOURCE, secret_json);
	mutate_all(MODEL_RESOURCE, authkit_json);
	mutate_all(MODEL_EVENT, event_json);
}
