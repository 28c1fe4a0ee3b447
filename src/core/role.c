/* SPDX-License-Identifier: MIT */
/*
 * Role names: the lower-case form used on the wire and in the database, and
 * the title-case form shown to people.
 */
#include "orgdeck/role.h"

#include <string.h>

struct role_names {
	const char *wire;
	const char *label;
};

static const struct role_names role_table[ROLE__COUNT] = {
	[ROLE_NONE] = { "none", "None" },
	[ROLE_MEMBER] = { "member", "Member" },
	[ROLE_MANAGER] = { "manager", "Manager" },
	[ROLE_ADMIN] = { "admin", "Admin" },
	[ROLE_OWNER] = { "owner", "Owner" },
};

const enum role role_assignable[ROLE_ASSIGNABLE] = {
	ROLE_MEMBER,
	ROLE_MANAGER,
	ROLE_ADMIN,
};

const char *const role_assignable_labels[ROLE_ASSIGNABLE] = {
	"Member",
	"Manager",
	"Admin",
};

size_t role_assignable_upto(enum role own)
{
	size_t n = 0;

	while (n < ROLE_ASSIGNABLE && role_assignable[n] <= own)
		n++;
	return n;
}

const char *role_name(enum role role)
{
	if ((unsigned int)role >= ROLE__COUNT)
		return "none";
	return role_table[role].wire;
}

const char *role_label(enum role role)
{
	if ((unsigned int)role >= ROLE__COUNT)
		return "None";
	return role_table[role].label;
}

int role_parse(enum role *out, const char *name, bool allow_owner)
{
	int role;

	if (name == NULL)
		return -1;

	for (role = ROLE_MEMBER; role < ROLE__COUNT; role++) {
		if (strcmp(role_table[role].wire, name) != 0)
			continue;
		if (role == ROLE_OWNER && !allow_owner)
			return -1;
		*out = (enum role)role;
		return 0;
	}
	return -1;
}
