/* SPDX-License-Identifier: MIT */
/*
 * Narrowing the Activity tab: the filters it sends to the server, and the
 * form that sets them: an action name (checked against the names events
 * carry), an actor among the organization's members and those seen in
 * the rows read so far (an API key, a former member), and, in an
 * organization, one of its projects.
 *
 * A struct activity_filter is plain data the caller owns.
 */
#ifndef ORGDECK_TUI_ACTIVITY_FILTER_H
#define ORGDECK_TUI_ACTIVITY_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "tui.h"

#define ACTIVITY_ID_MAX	  80
#define ACTIVITY_NAME_MAX 128

/* Empty strings filter nothing. */
struct activity_filter {
	char actor[ACTIVITY_ID_MAX]; /* usr_ or key_ id */
	char actor_name[ACTIVITY_NAME_MAX];
	char action[64];	       /* e.g. "member.update" */
	char project[ACTIVITY_ID_MAX]; /* prj_ id, organization only */
	char project_name[ACTIVITY_NAME_MAX];
};

/* Called with the filters chosen when the form is accepted. */
typedef void (*activity_filter_fn)(struct tui *t,
				   const struct activity_filter *f, void *ctx);

/* True when @f filters anything. */
bool activity_filter_active(const struct activity_filter *f);

/* Writes "Only: member.update by Adam Admin in Production (c clears)". */
void activity_filter_describe(const struct activity_filter *f, char *out,
			      size_t size);

/* NULL when @text is an action events can carry, else why not. */
const char *activity_filter_check_action(const char *text);

/* The most actors or projects the form offers. */
#define ACTIVITY_CHOICES_MAX 100

/*
 * Opens the filter form showing @now, offering as actors those of @events
 * and then the people of @members (a MODEL_MEMBER page), each once (either
 * may be NULL), and, when @org_scope, the projects of the organization.
 * @action, when not NULL or "", replaces the action shown.  @done runs
 * once if the form is accepted.  Copies what it needs.
 */
void activity_filter_open(struct tui *t, const struct activity_filter *now,
			  const struct model_page *events,
			  const struct model_page *members, bool org_scope,
			  const char *action, activity_filter_fn done,
			  void *ctx);

#endif
