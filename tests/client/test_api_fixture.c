/* SPDX-License-Identifier: MIT */
/*
 * The real-server fixture of the API client tests: orgdeckd, an owner, and
 * helpers that run one call and check its outcome.
 */
#include "test_api_fixture.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

void fx_start(struct fx *fx, const char *const *serve_args)
{
	memset(fx, 0, sizeof(*fx));
	cr_assert_eq(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK);
	cr_assert_eq(test_server_init(&fx->srv), 0);
	cr_assert_eq(test_server_serve(&fx->srv, serve_args), 0);
	fx->owner_token = fx_user(fx, "owner@example.com");
	fx->owner = fx_client(fx, fx->owner_token);
}

void fx_stop(struct fx *fx)
{
	api_free(&fx->owner);
	free(fx->owner_token);
	fx->owner_token = NULL;
	test_server_stop(&fx->srv);
	curl_global_cleanup();
}

struct api *fx_client(struct fx *fx, const char *token)
{
	struct api_options opts = { .base_url = fx->srv.url, .token = token };
	struct api *api = api_new(&opts);

	cr_assert_not_null(api, "api_new: %s", strerror(errno));
	return api;
}

char *fx_user(struct fx *fx, const char *email)
{
	char *token = test_server_user_add(&fx->srv, email);

	cr_assert_not_null(token, "user add %s failed", email);
	return token;
}

/* Runs @id to its end; the caller frees the result. */
static struct api_result *fx_run(struct api *api, unsigned long id,
				 const char *what)
{
	struct api_result *res;

	cr_assert_neq(id, 0, "%s did not start: %s", what, strerror(errno));
	res = api_await(api, id);
	cr_assert_not_null(res, "%s: api_await: %s", what, strerror(errno));
	return res;
}

void *fx_ok(struct api *api, unsigned long id, enum model_type type,
	    const char *what)
{
	struct api_result *res = fx_run(api, id, what);
	char line[512];
	void *obj;

	cr_assert_eq(res->error.kind, API_ERR_NONE, "%s: %s", what,
		     api_error_format(&res->error, line, sizeof(line)));
	cr_assert_eq(res->type, type, "%s answered type %d", what, res->type);
	obj = api_result_take(res);
	api_result_free(&res);
	return obj;
}

enum api_err fx_fails(struct api *api, unsigned long id, long status,
		      const char *code, const char *what)
{
	struct api_result *res = fx_run(api, id, what);
	char line[512];
	enum api_err kind = res->error.kind;

	api_error_format(&res->error, line, sizeof(line));
	cr_assert_eq(res->status, status, "%s: %ld, not %ld: %s", what,
		     res->status, status, line);
	cr_assert_null(res->object);
	if (code != NULL)
		cr_assert_str_eq(res->error.code ? res->error.code : "", code,
				 "%s: %s", what, line);
	cr_assert_not_null(res->error.request_id, "%s: no request id", what);
	api_result_free(&res);
	return kind;
}

char *fx_join(struct fx *fx, const char *org, const char *email, enum role role)
{
	const char *emails[] = { email };
	struct api_invite invite = { .emails = emails,
				     .email_count = 1,
				     .role = role };
	struct model_invite_results *res;
	struct model_acceptance *acc;
	char *token;

	res = fx_ok(fx->owner,
		    api_invitations_create(fx->owner, NULL, org, &invite),
		    MODEL_INVITE_RESULTS, "invite");
	cr_assert_eq(res->count, 1);
	cr_assert_not_null(res->items[0].invitation, "%s",
			   res->items[0].error_message);
	acc = fx_ok(fx->owner,
		    api_invitation_accept_code(fx->owner, NULL,
					       res->items[0].invitation->code,
					       NULL),
		    MODEL_ACCEPTANCE, "accept by code");
	cr_assert_not_null(acc->token, "a new user gets a token");
	token = strdup(acc->token);
	model_acceptance_free(&acc);
	model_invite_results_free(&res);
	return token;
}
