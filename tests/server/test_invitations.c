/* SPDX-License-Identifier: MIT */
/*
 * Invitations against a real orgdeckd: several emails at once with a
 * result each, listing by status, expiry (aged in the database the way
 * time would), resending with a new code, revoking, accepting as a new or
 * an existing user, declining, and idempotent retries that carry a code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "crew.h"

#define TEXT_SIZE 1024

static struct crew crew;

static void setup(void)
{
	crew_start(&crew);
}

static void teardown(void)
{
	crew_stop(&crew);
}

TestSuite(invitations, .init = setup, .fini = teardown, .timeout = 120);

/* Runs @sql on the server's database with ?1 = @arg. */
static void sql_run(const char *sql, const char *arg)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	cr_assert_eq(sqlite3_open(crew.srv.db, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 10000);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK,
		     "%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_DONE, "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void expect(const struct test_response *res, long status,
		   const char *code)
{
	cr_assert_eq(res->status, status, "want %ld %s, got %ld %s", status,
		     code != NULL ? code : "", res->status, res->body.data);
	if (code != NULL)
		cr_assert_str_eq(test_error_code(res), code, "%s",
				 res->body.data);
}

/* An invitation made by the owner: its id and code. */
struct invite {
	char id[CREW_ID_SIZE];
	char code[96];
};

static void invite(struct invite *inv, const char *email, const char *role)
{
	struct test_response res;
	char body[TEXT_SIZE];

	snprintf(body, sizeof(body), "{\"emails\": [\"%s\"], \"role\": \"%s\"}",
		 email, role);
	crew_call(&res, &crew, crew.owner.token, "POST", body,
		  "/v1/orgs/%s/invitations", crew.org);
	expect(&res, 201, NULL);
	cr_assert_not_null(test_json_str(res.json, "data.0.invitation.code"),
			   "%s", res.body.data);
	snprintf(inv->id, sizeof(inv->id), "%s",
		 test_json_str(res.json, "data.0.invitation.id"));
	snprintf(inv->code, sizeof(inv->code), "%s",
		 test_json_str(res.json, "data.0.invitation.code"));
	test_response_release(&res);
}

/* Accepts @code without a token; returns the status. */
static long accept_code(struct test_response *res, const char *code,
			const char *name)
{
	char body[TEXT_SIZE];

	if (name != NULL)
		snprintf(body, sizeof(body),
			 "{\"code\": \"%s\", \"name\": \"%s\"}", code, name);
	else
		snprintf(body, sizeof(body), "{\"code\": \"%s\"}", code);
	return crew_call(res, &crew, NULL, "POST", body,
			 "/v1/invitations/accept");
}

/* The status the owner's list shows for invitation @id. */
static void status_of(char *out, size_t size, const char *id)
{
	struct test_response res;
	char path[64];
	int i;

	crew_call(&res, &crew, crew.owner.token, "GET", NULL,
		  "/v1/orgs/%s/invitations?limit=100", crew.org);
	expect(&res, 200, NULL);
	out[0] = '\0';
	for (i = 0; i < test_json_len(res.json, "data"); i++) {
		snprintf(path, sizeof(path), "data.%d.id", i);
		if (strcmp(test_json_str(res.json, path), id) != 0)
			continue;
		snprintf(path, sizeof(path), "data.%d.status", i);
		snprintf(out, size, "%s", test_json_str(res.json, path));
	}
	test_response_release(&res);
}

Test(invitations, several_emails_each_with_a_result)
{
	struct test_response res;
	char body[TEXT_SIZE];

	snprintf(body, sizeof(body),
		 "{\"emails\": [\"Bo@Example.com\", \"not-an-email\","
		 " \"manager@example.com\", \"bo@example.com\"],"
		 " \"role\": \"manager\", \"expires_in_days\": 3,"
		 " \"projects\": [{\"project_id\": \"%s\", \"role\": "
		 "\"admin\"}]}",
		 crew.project);
	crew_call(&res, &crew, crew.owner.token, "POST", body,
		  "/v1/orgs/%s/invitations", crew.org);
	expect(&res, 201, NULL);
	cr_assert_str_eq(test_json_str(res.json, "object"),
			 "invitation_results");
	cr_assert_eq(test_json_len(res.json, "data"), 4);

	cr_assert_str_eq(test_json_str(res.json, "data.0.invitation.email"),
			 "bo@example.com", "emails are stored in lower case");
	cr_assert_str_eq(test_json_str(res.json, "data.0.invitation.status"),
			 "pending");
	cr_assert_eq(strncmp(test_json_str(res.json, "data.0.invitation.code"),
			     "odk_inv_", 8),
		     0);
	cr_assert_str_eq(
		test_json_str(res.json, "data.0.invitation.projects.0.role"),
		"admin");
	cr_assert_str_eq(test_json_str(res.json, "data.1.error.code"),
			 "invalid_value");
	cr_assert_str_eq(test_json_str(res.json, "data.2.error.code"),
			 "already_member");
	cr_assert_str_eq(test_json_str(res.json, "data.3.error.code"),
			 "invalid_value", "a repeated address");
	test_response_release(&res);

	crew_call(&res, &crew, crew.manager.token, "POST", body,
		  "/v1/orgs/%s/invitations", crew.org);
	expect(&res, 403, "role_required");
	cr_assert_str_eq(test_json_str(res.json, "error.message"),
			 "creating invitations needs Admin; you are Manager");
	test_response_release(&res);

	crew_call(
		&res, &crew, crew.owner.token, "POST",
		"{\"emails\": [\"x@example.com\"], \"projects\":"
		" [{\"project_id\": \"prj_elsewhere\", \"role\": \"member\"}]}",
		"/v1/orgs/%s/invitations", crew.org);
	expect(&res, 422, "invalid_value");
	test_response_release(&res);
}

Test(invitations, new_user_accepts_by_code)
{
	struct test_response res;
	struct invite inv;
	char token[96], path[TEXT_SIZE];

	snprintf(path, sizeof(path),
		 "[{\"project_id\": \"%s\", \"role\": \"manager\"}]",
		 crew.other);
	invite(&inv, "newbie@example.com", "member");

	accept_code(&res, inv.code, "Newbie Person");
	expect(&res, 201, NULL);
	cr_assert_str_eq(test_json_str(res.json, "object"), "acceptance");
	cr_assert_str_eq(test_json_str(res.json, "user.name"), "Newbie Person");
	cr_assert_str_eq(test_json_str(res.json, "organization.id"), crew.org);
	cr_assert_str_eq(test_json_str(res.json, "organization.role"),
			 "member");
	cr_assert_not_null(test_json_str(res.json, "token"));
	snprintf(token, sizeof(token), "%s", test_json_str(res.json, "token"));
	test_response_release(&res);

	crew_call(&res, &crew, token, "GET", NULL, "/v1/me");
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "user.email"),
			 "newbie@example.com");
	cr_assert_eq(test_json_len(res.json, "organizations"), 2,
		     "personal and Acme");
	cr_assert_str_eq(test_json_str(res.json, "organizations.0.kind"),
			 "personal");
	test_response_release(&res);

	accept_code(&res, inv.code, NULL);
	expect(&res, 409, "invitation_not_pending");
	test_response_release(&res);
	status_of(path, sizeof(path), inv.id);
	cr_assert_str_eq(path, "accepted");
}

Test(invitations, existing_user_accepts_by_id_or_code)
{
	struct test_response res;
	struct invite by_id, by_code;
	char org[CREW_ID_SIZE];

	crew_create(&crew, crew.owner.token, "/v1/orgs",
		    "{\"name\": \"Second\"}", org);
	invite(&by_id, "outsider@example.com", "manager");

	crew_call(&res, &crew, crew.outsider.token, "GET", NULL, "/v1/me");
	cr_assert_eq(test_json_len(res.json, "invitations"), 1);
	cr_assert_str_eq(test_json_str(res.json, "invitations.0.id"), by_id.id);
	cr_assert_null(test_json_at(res.json, "invitations.0.code"),
		       "codes are shown only once");
	test_response_release(&res);

	crew_call(&res, &crew, crew.member.token, "POST", NULL,
		  "/v1/invitations/%s/accept", by_id.id);
	expect(&res, 404, "not_found");
	test_response_release(&res);

	crew_call(&res, &crew, crew.outsider.token, "POST", NULL,
		  "/v1/invitations/%s/accept", by_id.id);
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "organization.role"),
			 "manager");
	cr_assert_null(test_json_at(res.json, "token"));
	test_response_release(&res);

	/* An account that exists gets no new token when accepting a code. */
	crew_call(&res, &crew, crew.owner.token, "POST",
		  "{\"emails\": [\"outsider@example.com\"]}",
		  "/v1/orgs/%s/invitations", org);
	expect(&res, 201, NULL);
	snprintf(by_code.code, sizeof(by_code.code), "%s",
		 test_json_str(res.json, "data.0.invitation.code"));
	test_response_release(&res);
	accept_code(&res, by_code.code, "Ignored");
	expect(&res, 201, NULL);
	cr_assert_null(test_json_at(res.json, "token"));
	cr_assert_str_eq(test_json_str(res.json, "user.id"), crew.outsider.id);
	test_response_release(&res);
}

Test(invitations, expired_invitations_cannot_be_used)
{
	struct test_response res;
	struct invite inv;
	char status[32];

	invite(&inv, "late@example.com", "member");
	sql_run("UPDATE invitations SET expires_at = 1000 WHERE id = ?1",
		inv.id);

	status_of(status, sizeof(status), inv.id);
	cr_assert_str_eq(status, "expired");
	crew_call(&res, &crew, crew.owner.token, "GET", NULL,
		  "/v1/orgs/%s/invitations?status=expired", crew.org);
	cr_assert_eq(test_json_len(res.json, "data"), 1, "%s", res.body.data);
	test_response_release(&res);
	crew_call(&res, &crew, crew.owner.token, "GET", NULL,
		  "/v1/orgs/%s/invitations?status=lost", crew.org);
	expect(&res, 400, "invalid_parameter");
	test_response_release(&res);

	accept_code(&res, inv.code, NULL);
	expect(&res, 409, "invitation_not_pending");
	test_response_release(&res);
	crew_call(&res, &crew, crew.owner.token, "POST", NULL,
		  "/v1/orgs/%s/invitations/%s/revoke", crew.org, inv.id);
	expect(&res, 409, "invitation_not_pending");
	test_response_release(&res);
	crew_call(&res, &crew, crew.owner.token, "POST", NULL,
		  "/v1/orgs/%s/invitations/%s/resend", crew.org, inv.id);
	expect(&res, 409, "invitation_not_pending");
	test_response_release(&res);
}

Test(invitations, resend_replaces_the_code)
{
	struct test_response res;
	struct invite inv;
	char fresh[96], token[96];
	time_t before = time(NULL);

	invite(&inv, "again@example.com", "member");
	sql_run("UPDATE invitations SET expires_at = expires_at - 86400 * 6"
		" WHERE id = ?1",
		inv.id);

	crew_call(&res, &crew, crew.owner.token, "POST", NULL,
		  "/v1/orgs/%s/invitations/%s/resend", crew.org, inv.id);
	expect(&res, 200, NULL);
	cr_assert_eq(test_json_num(res.json, "sent_count"), 2);
	cr_assert_not_null(test_json_str(res.json, "code"));
	snprintf(fresh, sizeof(fresh), "%s", test_json_str(res.json, "code"));
	cr_assert_str_neq(fresh, inv.code);
	cr_assert_str_eq(res.etag, "\"v2\"");
	test_response_release(&res);

	crew_call(&res, &crew, crew.owner.token, "GET", NULL,
		  "/v1/orgs/%s/invitations?q=again", crew.org);
	{
		struct tm tm = { 0 };
		const char *at = test_json_str(res.json, "data.0.expires_at");

		cr_assert_not_null(strptime(at, "%Y-%m-%dT%H:%M:%SZ", &tm));
		cr_assert_geq(timegm(&tm), before + 7 * 86400,
			      "a full period again: %s", at);
	}
	test_response_release(&res);

	accept_code(&res, inv.code, NULL);
	expect(&res, 404, "not_found");
	test_response_release(&res);
	accept_code(&res, fresh, NULL);
	expect(&res, 201, NULL);
	cr_assert_str_eq(test_json_str(res.json, "user.name"), "again",
			 "the name defaults to the local part");
	snprintf(token, sizeof(token), "%s", test_json_str(res.json, "token"));
	test_response_release(&res);
	crew_call(&res, &crew, token, "GET", NULL, "/v1/orgs/%s", crew.org);
	expect(&res, 200, NULL);
	test_response_release(&res);
}

Test(invitations, revoke_decline_and_replace)
{
	struct test_response res;
	struct invite first, second, third;
	char status[32];

	invite(&first, "twice@example.com", "member");
	invite(&second, "twice@example.com", "manager");
	status_of(status, sizeof(status), first.id);
	cr_assert_str_eq(status, "revoked", "a new invitation replaces");
	accept_code(&res, first.code, NULL);
	expect(&res, 409, "invitation_not_pending");
	test_response_release(&res);

	crew_call(&res, &crew, crew.manager.token, "POST", NULL,
		  "/v1/orgs/%s/invitations/%s/revoke", crew.org, second.id);
	expect(&res, 403, "role_required");
	test_response_release(&res);
	crew_call(&res, &crew, crew.admin.token, "POST", NULL,
		  "/v1/orgs/%s/invitations/%s/revoke", crew.org, second.id);
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "status"), "revoked");
	test_response_release(&res);
	accept_code(&res, second.code, NULL);
	expect(&res, 409, "invitation_not_pending");
	test_response_release(&res);

	invite(&third, "outsider@example.com", "member");
	crew_call(&res, &crew, crew.outsider.token, "POST", NULL,
		  "/v1/invitations/%s/decline", third.id);
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "status"), "declined");
	test_response_release(&res);
	crew_call(&res, &crew, crew.outsider.token, "POST", NULL,
		  "/v1/invitations/%s/accept", third.id);
	expect(&res, 409, "invitation_not_pending");
	test_response_release(&res);
	crew_call(&res, &crew, crew.outsider.token, "GET", NULL, "/v1/orgs/%s",
		  crew.org);
	expect(&res, 404, "not_found");
	test_response_release(&res);
}

Test(invitations, idempotent_retry_replays_the_code_then_redacts_it)
{
	const char *key[] = { "Idempotency-Key: invite-once", NULL };
	const char *body = "{\"emails\": [\"idem@example.com\"]}";
	struct test_response first, again;
	const char *code;

	crew_call_with(&first, &crew, crew.owner.token, "POST", body, key,
		       "/v1/orgs/%s/invitations", crew.org);
	expect(&first, 201, NULL);
	crew_call_with(&again, &crew, crew.owner.token, "POST", body, key,
		       "/v1/orgs/%s/invitations", crew.org);
	expect(&again, 201, NULL);
	cr_assert(again.replayed);
	cr_assert_str_eq(again.body.data, first.body.data,
			 "within ten minutes the code comes back whole");
	test_response_release(&again);

	sql_run("UPDATE idempotency SET created_at = created_at - 660"
		" WHERE key = ?1",
		"invite-once");
	crew_call_with(&again, &crew, crew.owner.token, "POST", body, key,
		       "/v1/orgs/%s/invitations", crew.org);
	expect(&again, 201, NULL);
	cr_assert(again.replayed);
	code = test_json_str(again.json, "data.0.invitation.code");
	cr_assert_not_null(code);
	cr_assert_eq(strncmp(code, "odk_inv_****", 12), 0, "%s", code);
	cr_assert_eq(strlen(code), 16);
	cr_assert_str_eq(test_json_str(again.json, "data.0.invitation.id"),
			 test_json_str(first.json, "data.0.invitation.id"));
	test_response_release(&again);
	test_response_release(&first);
}
