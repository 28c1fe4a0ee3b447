/* SPDX-License-Identifier: MIT */
/*
 * Checks every cell of the product description's two permission tables,
 * and the derived rules of docs/permissions.md, against literal copies kept
 * here.  Nothing in this file reads the table under test to decide what to
 * expect: the rows below were typed from the description by hand.
 */
#include <criterion/criterion.h>

#include "orgdeck/perm.h"

/* One table row: 'Y' where the role holds the permission, '-' where not. */
struct seed_row {
	const char *label; /* the description's wording of the row */
	const char *perm;  /* our wire name for it */
	char admin, manager, member;
};

static const struct seed_row org_rows[] = {
	{ "Create invitations", "invitation.create", 'Y', '-', '-' },
	{ "List invitations", "invitation.list", 'Y', '-', '-' },
	{ "Revoke invitations", "invitation.revoke", 'Y', '-', '-' },
	{ "Resend invitations", "invitation.resend", 'Y', '-', '-' },
	{ "List connections", "connection.list", 'Y', 'Y', 'Y' },
	{ "Create connections", "connection.create", 'Y', 'Y', '-' },
	{ "Read connections", "connection.read", 'Y', 'Y', '-' },
	{ "Update connections", "connection.update", 'Y', 'Y', '-' },
	{ "Delete connections", "connection.delete", 'Y', '-', '-' },
	{ "List secrets", "secret.list", 'Y', 'Y', 'Y' },
	{ "Create secrets", "secret.create", 'Y', 'Y', 'Y' },
	{ "Read secrets", "secret.read", 'Y', 'Y', '-' },
	{ "Update secrets", "secret.update", 'Y', 'Y', '-' },
	{ "Delete secrets", "secret.delete", 'Y', 'Y', '-' },
	{ "List AuthKit", "authkit.list", 'Y', 'Y', 'Y' },
	{ "Create AuthKit", "authkit.create", 'Y', 'Y', '-' },
	{ "Read AuthKit", "authkit.read", 'Y', 'Y', 'Y' },
	{ "Update AuthKit", "authkit.update", 'Y', 'Y', '-' },
	{ "Delete AuthKit", "authkit.delete", 'Y', 'Y', '-' },
	{ "Create projects", "project.create", 'Y', 'Y', '-' },
};

static const struct seed_row project_rows[] = {
	{ "List connections", "connection.list", 'Y', 'Y', 'Y' },
	{ "Create connections", "connection.create", 'Y', 'Y', '-' },
	{ "Read connections", "connection.read", 'Y', 'Y', '-' },
	{ "Update connections", "connection.update", 'Y', 'Y', '-' },
	{ "Delete connections", "connection.delete", 'Y', '-', '-' },
	{ "List secrets", "secret.list", 'Y', 'Y', 'Y' },
	{ "Create secrets", "secret.create", 'Y', 'Y', 'Y' },
	{ "Read secrets", "secret.read", 'Y', 'Y', '-' },
	{ "Update secrets", "secret.update", 'Y', 'Y', '-' },
	{ "Delete secrets", "secret.delete", 'Y', 'Y', '-' },
	{ "List AuthKit", "authkit.list", 'Y', 'Y', 'Y' },
	{ "Create AuthKit", "authkit.create", 'Y', 'Y', '-' },
	{ "Read AuthKit", "authkit.read", 'Y', 'Y', 'Y' },
	{ "Update AuthKit", "authkit.update", 'Y', 'Y', '-' },
	{ "Delete AuthKit", "authkit.delete", 'Y', 'Y', '-' },
};

/*
 * The derived rules of docs/permissions.md, one row per scope, with an
 * owner column: 'Y' allowed, '-' denied.  Order: owner admin manager member.
 */
struct derived_row {
	const char *perm;
	enum scope scope;
	const char *cells;
};

static const struct derived_row derived_rows[] = {
	{ "org.read", SCOPE_ORG, "YYYY" },
	{ "org.update", SCOPE_ORG, "YY--" },
	{ "org.delete", SCOPE_ORG, "Y---" },
	{ "org.transfer", SCOPE_ORG, "Y---" },
	{ "member.list", SCOPE_ORG, "YYYY" },
	{ "member.add", SCOPE_ORG, "----" },
	{ "member.update", SCOPE_ORG, "YY--" },
	{ "member.remove", SCOPE_ORG, "YY--" },
	{ "key.list", SCOPE_ORG, "YYY-" },
	{ "key.create", SCOPE_ORG, "YYY-" },
	{ "key.update", SCOPE_ORG, "YYY-" },
	{ "key.rotate", SCOPE_ORG, "YYY-" },
	{ "key.revoke", SCOPE_ORG, "YYY-" },
	{ "activity.list", SCOPE_ORG, "YY--" },
	{ "project.read", SCOPE_PROJECT, "YYYY" },
	{ "project.update", SCOPE_PROJECT, "YYY-" },
	{ "project.delete", SCOPE_PROJECT, "YY--" },
	{ "member.list", SCOPE_PROJECT, "YYYY" },
	{ "member.add", SCOPE_PROJECT, "YY--" },
	{ "member.update", SCOPE_PROJECT, "YY--" },
	{ "member.remove", SCOPE_PROJECT, "YY--" },
	{ "key.list", SCOPE_PROJECT, "YYY-" },
	{ "key.create", SCOPE_PROJECT, "YYY-" },
	{ "key.rotate", SCOPE_PROJECT, "YYY-" },
	{ "key.revoke", SCOPE_PROJECT, "YYY-" },
	{ "activity.list", SCOPE_PROJECT, "YY--" },
	{ "invitation.create", SCOPE_PROJECT, "----" },
	{ "project.create", SCOPE_PROJECT, "----" },
};

static enum perm perm_named(const char *name)
{
	enum perm perm;

	cr_assert_eq(perm_parse(&perm, name), 0, "unknown permission %s", name);
	return perm;
}

static void check_seed_row(enum scope scope, const struct seed_row *row)
{
	enum perm perm = perm_named(row->perm);

	cr_expect_eq(perm_allows(scope, ROLE_ADMIN, perm), row->admin == 'Y',
		     "%s: Admin", row->label);
	cr_expect_eq(perm_allows(scope, ROLE_OWNER, perm), row->admin == 'Y',
		     "%s: owner", row->label);
	cr_expect_eq(perm_allows(scope, ROLE_MANAGER, perm),
		     row->manager == 'Y', "%s: Manager", row->label);
	cr_expect_eq(perm_allows(scope, ROLE_MEMBER, perm), row->member == 'Y',
		     "%s: Member", row->label);
	cr_expect_not(perm_allows(scope, ROLE_NONE, perm), "%s: no role",
		      row->label);
}

Test(perm, org_table_matches_seed)
{
	size_t i;

	for (i = 0; i < sizeof(org_rows) / sizeof(org_rows[0]); i++)
		check_seed_row(SCOPE_ORG, &org_rows[i]);
}

Test(perm, project_table_matches_seed)
{
	size_t i;

	for (i = 0; i < sizeof(project_rows) / sizeof(project_rows[0]); i++)
		check_seed_row(SCOPE_PROJECT, &project_rows[i]);
}

Test(perm, invitations_do_not_exist_in_project_scope)
{
	cr_expect_not(
		perm_in_scope(SCOPE_PROJECT, perm_named("invitation.create")));
	cr_expect_not(
		perm_in_scope(SCOPE_PROJECT, perm_named("invitation.list")));
	cr_expect(perm_in_scope(SCOPE_ORG, perm_named("invitation.list")));
}

Test(perm, derived_rules)
{
	static const enum role order[] = { ROLE_OWNER, ROLE_ADMIN, ROLE_MANAGER,
					   ROLE_MEMBER };
	size_t i, j;

	for (i = 0; i < sizeof(derived_rows) / sizeof(derived_rows[0]); i++) {
		const struct derived_row *row = &derived_rows[i];
		enum perm perm = perm_named(row->perm);

		for (j = 0; j < 4; j++)
			cr_expect_eq(perm_allows(row->scope, order[j], perm),
				     row->cells[j] == 'Y', "%s scope %d as %s",
				     row->perm, row->scope,
				     role_name(order[j]));
	}
}

Test(perm, min_role_names_the_role_needed)
{
	cr_expect_eq(perm_min_role(SCOPE_ORG, perm_named("invitation.create")),
		     ROLE_ADMIN);
	cr_expect_eq(perm_min_role(SCOPE_ORG, perm_named("secret.read")),
		     ROLE_MANAGER);
	cr_expect_eq(perm_min_role(SCOPE_ORG, perm_named("secret.create")),
		     ROLE_MEMBER);
	cr_expect_eq(perm_min_role(SCOPE_ORG, perm_named("org.delete")),
		     ROLE_OWNER);
	cr_expect_eq(
		perm_min_role(SCOPE_PROJECT, perm_named("invitation.create")),
		ROLE_NONE);
}

Test(perm, org_roles_carry_into_projects)
{
	cr_expect_eq(perm_project_role(ROLE_OWNER, ROLE_NONE), ROLE_ADMIN);
	cr_expect_eq(perm_project_role(ROLE_ADMIN, ROLE_MEMBER), ROLE_ADMIN);
	cr_expect_eq(perm_project_role(ROLE_MANAGER, ROLE_NONE), ROLE_MANAGER);
	cr_expect_eq(perm_project_role(ROLE_MANAGER, ROLE_ADMIN), ROLE_ADMIN);
	cr_expect_eq(perm_project_role(ROLE_MEMBER, ROLE_NONE), ROLE_NONE);
	cr_expect_eq(perm_project_role(ROLE_MEMBER, ROLE_MANAGER),
		     ROLE_MANAGER);
	cr_expect_eq(perm_project_role(ROLE_NONE, ROLE_ADMIN), ROLE_NONE,
		     "project members must be org members");
}

Test(perm, owner_is_an_admin_flag)
{
	cr_expect_eq(perm_org_role(ROLE_ADMIN, true), ROLE_OWNER);
	cr_expect_eq(perm_org_role(ROLE_ADMIN, false), ROLE_ADMIN);
	cr_expect_eq(perm_org_role(ROLE_MANAGER, true), ROLE_MANAGER);
}

Test(perm, names_round_trip_and_reject_unknown)
{
	enum perm perm;
	int i;

	for (i = 0; i < PERM__COUNT; i++) {
		cr_assert_not_null(perm_name((enum perm)i));
		cr_assert_eq(perm_parse(&perm, perm_name((enum perm)i)), 0);
		cr_expect_eq(perm, (enum perm)i);
	}
	cr_expect_eq(perm_parse(&perm, "secret.steal"), -1);
	cr_expect_eq(perm_parse(&perm, NULL), -1);
	cr_expect_null(perm_name(PERM__COUNT));
	cr_expect_not(perm_allows(SCOPE__COUNT, ROLE_ADMIN, PERM_SECRET_READ));
	cr_expect_not(perm_allows(SCOPE_ORG, ROLE__COUNT, PERM_SECRET_READ));
}

Test(role, parse_refuses_owner_unless_asked)
{
	enum role role;

	cr_expect_eq(role_parse(&role, "manager", false), 0);
	cr_expect_eq(role, ROLE_MANAGER);
	cr_expect_eq(role_parse(&role, "owner", false), -1);
	cr_expect_eq(role_parse(&role, "owner", true), 0);
	cr_expect_eq(role, ROLE_OWNER);
	cr_expect_eq(role_parse(&role, "none", true), -1);
	cr_expect_eq(role_parse(&role, "Admin", false), -1);
	cr_expect_str_eq(role_label(ROLE_ADMIN), "Admin");
}

Test(role, assignable_roles_stop_at_the_givers_own)
{
	cr_expect_eq(ROLE_ASSIGNABLE, 3);
	cr_expect_eq(role_assignable[0], ROLE_MEMBER);
	cr_expect_eq(role_assignable[2], ROLE_ADMIN);
	cr_expect_str_eq(role_assignable_labels[1], "Manager");
	cr_expect_eq(role_assignable_upto(ROLE_NONE), 0);
	cr_expect_eq(role_assignable_upto(ROLE_MEMBER), 1);
	cr_expect_eq(role_assignable_upto(ROLE_MANAGER), 2);
	cr_expect_eq(role_assignable_upto(ROLE_ADMIN), 3);
	cr_expect_eq(role_assignable_upto(ROLE_OWNER), 3,
		     "the owner gives at most Admin");
}
