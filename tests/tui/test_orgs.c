/* SPDX-License-Identifier: MIT */
/*
 * Screen tests of the organization workflows: create, rename (with a
 * conflict), delete and transfer by typing the name, leave, and answering
 * invitations, each checked on the dumped screen and on the server.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "console.h"
#include "demo.h"

TestSuite(orgs, .init = demo_setup, .fini = demo_teardown, .timeout = 120);

/* The organization called @name in @token's /v1/me: its role, or NULL. */
static const char *my_role_in(const char *token, const char *name)
{
	static char role[32];
	struct test_response res;
	char path[64];
	int i, n;

	cr_assert_eq(demo_get(&demo, &res, token, "/v1/me"), 200);
	n = test_json_len(res.json, "organizations");
	role[0] = '\0';
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "organizations.%d.name", i);
		if (strcmp(test_json_str(res.json, path), name) != 0)
			continue;
		snprintf(path, sizeof(path), "organizations.%d.role", i);
		snprintf(role, sizeof(role), "%s",
			 test_json_str(res.json, path));
	}
	test_response_release(&res);
	return role[0] ? role : NULL;
}

static void org_name(const char *id, char *out)
{
	struct test_response res;
	char path[128];

	snprintf(path, sizeof(path), "/v1/orgs/%s", id);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	snprintf(out, 128, "%s", test_json_str(res.json, "name"));
	test_response_release(&res);
}

Test(orgs, create)
{
	static const char script[] = "wait\n"
				     "key Tab\n"
				     "key n\n"
				     "key Enter\n"
				     "dump $DIR/empty.txt\n"
				     "type Initech\n"
				     "key Enter\n"
				     "wait\n"
				     "dump $DIR/created.txt\n";
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.member, script), 0);
	demo_load(&d, &c, "empty.txt");
	cr_assert(console_dump_has(&d, "New organization"),
		  "the form closed on an empty name");
	cr_assert(console_dump_has(&d, "Name cannot be empty") ||
		  console_dump_has(&d, "Name is required"));
	console_dump_release(&d);

	demo_load(&d, &c, "created.txt");
	demo_status_is(&d, "Created Initech; you own it");
	cr_assert_eq(console_dump_row_of(&d, "Initech \u2502 Owner"), 0,
		     "the header does not show the new organization");
	console_dump_release(&d);
	cr_assert_str_eq(my_role_in(demo.member, "Initech"), "owner");
	console_release(&c);
}

Test(orgs, rename_conflict)
{
	static const char script[] = DEMO_OPEN_ACME "key Tab\n"
						    "key r\n"
						    "key C-u\n"
						    "type Acme Mine\n"
						    "dump $DIR/form.txt\n"
						    "await $DIR/go\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/conflict.txt\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/renamed.txt\n";
	struct console_opts o = demo_opts(&demo, demo.owner, script);
	struct test_response res;
	char path[128], name[128];
	struct console c;
	struct console_dump d;

	demo_pause(&c, &o, "form.txt");
	snprintf(path, sizeof(path), "/v1/orgs/%s", demo.acme);
	cr_assert_eq(demo_send(&demo, &res, demo.admin, "PATCH", path,
			       "{\"name\": \"Acme Theirs\"}"),
		     200);
	test_response_release(&res);
	demo_resume(&c);

	demo_load(&d, &c, "conflict.txt");
	cr_assert(console_dump_has(&d, "Rename organization"),
		  "the form was not offered again");
	cr_assert(console_dump_has(&d, "it is now called \"Acme Theirs\""));
	cr_assert(console_dump_has(&d, "Acme Mine"), "the typed name is lost");
	console_dump_release(&d);

	demo_load(&d, &c, "renamed.txt");
	demo_status_is(&d, "Renamed to Acme Mine");
	cr_assert_eq(console_dump_row_of(&d, "Acme Mine \u2502 Owner"), 0);
	console_dump_release(&d);
	org_name(demo.acme, name);
	cr_assert_str_eq(name, "Acme Mine");
	console_release(&c);
}

Test(orgs, delete_needs_the_name)
{
	static const char script[] = "wait\n"
				     "key :\n"
				     "type org Doomed\n"
				     "key Enter\n"
				     "wait\n"
				     "key Tab\n"
				     "key D\n"
				     "type Doom\n"
				     "key Enter\n"
				     "dump $DIR/wrong.txt\n"
				     "type ed\n"
				     "key Enter\n"
				     "wait\n"
				     "dump $DIR/deleted.txt\n";
	struct test_response res;
	struct console c;
	struct console_dump d;
	char id[80], path[128];

	cr_assert_eq(demo_create_org(&demo, id, demo.owner, "Doomed"), 0);
	cr_assert_eq(demo_run(&demo, &c, demo.owner, script), 0);
	demo_load(&d, &c, "wrong.txt");
	cr_assert(console_dump_has(&d, "Delete organization"));
	cr_assert(console_dump_has(&d, "The name does not match"));
	console_dump_release(&d);

	demo_load(&d, &c, "deleted.txt");
	demo_status_is(&d, "Deleted Doomed");
	cr_assert_not(console_dump_has(&d, "Doomed \u2502"));
	console_dump_release(&d);
	snprintf(path, sizeof(path), "/v1/orgs/%s", id);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 404);
	test_response_release(&res);
	console_release(&c);
}

Test(orgs, admin_cannot_delete)
{
	static const char script[] = DEMO_OPEN_ACME "key Tab\n"
						    "key D\n"
						    "dump $DIR/d.txt\n";
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);
	demo_load(&d, &c, "d.txt");
	demo_status_is(&d,
		       "Admins cannot delete the organization: needs Owner");
	cr_assert_eq(console_dump_attr(&d, "Delete", DEMO_FOOTER), 'd');
	cr_assert_eq(console_dump_attr(&d, "Rename", DEMO_FOOTER), ' ');
	cr_assert_not(console_dump_has(&d, "Delete organization"));
	console_dump_release(&d);
	console_release(&c);
}

Test(orgs, transfer_to_an_admin)
{
	static const char script[] = DEMO_OPEN_ACME "key Tab\n"
						    "key T\n"
						    "wait\n"
						    "dump $DIR/picker.txt\n"
						    "key Enter\n"
						    "type Acme Robotics\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/done.txt\n";
	struct test_response res;
	char adam[80], path[128];
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_member_id(&demo, adam, DEMO_ADMIN), 0);
	cr_assert_eq(demo_run(&demo, &c, demo.owner, script), 0);
	demo_load(&d, &c, "picker.txt");
	cr_assert(console_dump_has(&d, "Transfer ownership to"));
	cr_assert(console_dump_has(&d, "Adam Admin"));
	cr_assert_not(console_dump_has(&d, "Mina Manager   manager@"),
		      "a Manager was offered");
	console_dump_release(&d);

	demo_load(&d, &c, "done.txt");
	demo_status_is(&d,
		       "Adam Admin now owns Acme Robotics; you stay an Admin");
	cr_assert_eq(console_dump_row_of(&d, "Acme Robotics \u2502 Admin"), 0,
		     "the header does not show the new role");
	console_dump_release(&d);

	snprintf(path, sizeof(path), "/v1/orgs/%s", demo.acme);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	cr_assert_str_eq(test_json_str(res.json, "owner_id"), adam);
	test_response_release(&res);
	console_release(&c);
}

Test(orgs, leave)
{
	static const char script[] = DEMO_OPEN_ACME "key Tab\n"
						    "key L\n"
						    "dump $DIR/confirm.txt\n"
						    "key y\n"
						    "wait\n"
						    "dump $DIR/left.txt\n";
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.member, script), 0);
	demo_load(&d, &c, "confirm.txt");
	cr_assert(console_dump_has(&d, "Leave Acme Robotics?"));
	console_dump_release(&d);
	demo_load(&d, &c, "left.txt");
	demo_status_is(&d, "You left Acme Robotics");
	cr_assert_eq(console_dump_row_of(&d, "Acme Robotics"), DEMO_STATUS,
		     "Acme Robotics is still shown above the status line");
	console_dump_release(&d);
	cr_assert_null(my_role_in(demo.member, "Acme Robotics"));
	console_release(&c);
}

Test(orgs, owner_cannot_leave)
{
	static const char script[] = DEMO_OPEN_ACME "key Tab\n"
						    "key L\n"
						    "dump $DIR/d.txt\n";
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.owner, script), 0);
	demo_load(&d, &c, "d.txt");
	demo_status_is(&d, "The owner cannot leave: transfer ownership first");
	cr_assert_not(console_dump_has(&d, "Leave organization"));
	console_dump_release(&d);
	cr_assert_str_eq(my_role_in(demo.owner, "Acme Robotics"), "owner");
	console_release(&c);
}

/* The status of the only invitation of @email in @org. */
static void invitation_status(const char *org, const char *email, char *out)
{
	struct test_response res;
	char path[256];

	snprintf(path, sizeof(path), "/v1/orgs/%s/invitations?q=%s", org,
		 email);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	cr_assert_eq(test_json_len(res.json, "data"), 1);
	snprintf(out, 32, "%s", test_json_str(res.json, "data.0.status"));
	test_response_release(&res);
}

Test(orgs, accept_and_decline)
{
	static const char script[] = "wait\n"
				     "dump $DIR/start.txt\n"
				     "key Tab\n"
				     "key I\n"
				     "dump $DIR/list.txt\n"
				     "key a\n"
				     "wait\n"
				     "dump $DIR/joined.txt\n"
				     "key I\n"
				     "key d\n"
				     "wait\n"
				     "dump $DIR/declined.txt\n";
	char *zed = test_server_user_add(&demo.srv, "zed@example.com");
	char umbrella[80], status[32];
	struct console c;
	struct console_dump d;

	cr_assert_not_null(zed);
	cr_assert_eq(
		demo_invite(&demo, demo.owner, demo.acme, "zed@example.com"),
		0);
	cr_assert_eq(demo_create_org(&demo, umbrella, demo.owner, "Umbrella"),
		     0);
	cr_assert_eq(
		demo_invite(&demo, demo.owner, umbrella, "zed@example.com"), 0);

	cr_assert_eq(demo_run(&demo, &c, zed, script), 0);
	demo_load(&d, &c, "start.txt");
	cr_assert_eq(console_dump_row_of(&d, "2 invitations for you"), 0);
	console_dump_release(&d);
	demo_load(&d, &c, "list.txt");
	cr_assert(console_dump_has(&d, "Acme Robotics as Member"));
	cr_assert(console_dump_has(&d, "Umbrella as Member"));
	console_dump_release(&d);
	demo_load(&d, &c, "joined.txt");
	demo_status_is(&d, "Joined: Acme Robotics as Member");
	cr_assert_eq(console_dump_row_of(&d, "Acme Robotics \u2502 Member"), 0);
	console_dump_release(&d);
	demo_load(&d, &c, "declined.txt");
	demo_status_is(&d, "Declined: Umbrella as Member");
	cr_assert_not(console_dump_has(&d, "invitations for you"));
	console_dump_release(&d);

	cr_assert_str_eq(my_role_in(zed, "Acme Robotics"), "member");
	cr_assert_null(my_role_in(zed, "Umbrella"));
	invitation_status(umbrella, "zed@example.com", status);
	cr_assert_str_eq(status, "declined");
	free(zed);
	console_release(&c);
}

Test(orgs, remove_member)
{
	static const char script[] = DEMO_OPEN_ACME "key /\n"
						    "type Mel\n"
						    "key Enter\n"
						    "key x\n"
						    "dump $DIR/confirm.txt\n"
						    "key y\n"
						    "wait\n"
						    "dump $DIR/removed.txt\n";
	struct test_response res;
	char mel[80], path[256];
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_member_id(&demo, mel, DEMO_MEMBER), 0);
	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);
	demo_load(&d, &c, "confirm.txt");
	cr_assert(console_dump_has(&d, "Remove Mel Member "
				       "(member@demo.orgdeck.test) from Acme"));
	console_dump_release(&d);
	demo_load(&d, &c, "removed.txt");
	demo_status_is(&d, "Removed Mel Member from Acme Robotics");
	cr_assert_eq(console_dump_row_of(&d, "member@demo.orgdeck.test"), -1,
		     "the removed member is still listed");
	console_dump_release(&d);

	snprintf(path, sizeof(path), "/v1/orgs/%s/members/%s", demo.acme, mel);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 404);
	test_response_release(&res);
	console_release(&c);
}
