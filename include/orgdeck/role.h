/* SPDX-License-Identifier: MIT */
/*
 * The three roles a person can be given in an organization or project, plus
 * the owner, and their names on the wire and on screen.
 *
 * Nothing here allocates; every string returned is static.
 */
#ifndef ORGDECK_ROLE_H
#define ORGDECK_ROLE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Roles in rising order of power.  ROLE_OWNER is the one Admin who owns an
 * organization; it is never stored as a role, only derived from the owner
 * flag, so that owner-only rows (delete, transfer) live in the same table.
 */
enum role {
	ROLE_NONE = 0,
	ROLE_MEMBER,
	ROLE_MANAGER,
	ROLE_ADMIN,
	ROLE_OWNER,
	ROLE__COUNT
};

/* How many roles a person or a key can be given: Member, Manager, Admin. */
#define ROLE_ASSIGNABLE 3

/*
 * The roles one can be given, lowest first, and their labels, index for
 * index: what every role picker and choice field offers.  The owner is not
 * among them; ownership only moves by transfer.
 */
extern const enum role role_assignable[ROLE_ASSIGNABLE];
extern const char *const role_assignable_labels[ROLE_ASSIGNABLE];

/*
 * How many of role_assignable, from the start, are not above @own: what
 * someone holding @own may give, since nobody gives a role above their own.
 */
size_t role_assignable_upto(enum role own);

/* Lower-case wire name: "member", "manager", "admin", "owner", "none". */
const char *role_name(enum role role);

/* Title-case label for people: "Member", ..., "Owner". */
const char *role_label(enum role role);

/*
 * Parses a wire name.  Only "member", "manager" and "admin" are roles one can
 * be given; "owner" is accepted only when @allow_owner is true.
 * Returns 0 and sets *@out, or -1 when the name is not a role.
 */
int role_parse(enum role *out, const char *name, bool allow_owner);

#endif
