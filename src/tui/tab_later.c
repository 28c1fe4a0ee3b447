/* SPDX-License-Identifier: MIT */
/*
 * The tabs whose screens are not built yet: API Keys, Connections, Secrets,
 * AuthKit and Activity.  Each says so in the main area.  A screen that
 * lands takes its ops out of this file and into tab_<name>.c.
 */
#include "draw.h"
#include "pane.h"
#include "theme.h"

static void tab_later_draw(struct tui *t, struct rect area, bool focused)
{
	(void)t;
	(void)focused;
	/* XXX: these five tabs show a notice until the resources screens
	 * (keys, connections, secrets, AuthKit, activity) are built. */
	draw_wrap(area.y + 1, area.x + 2, area.w - 4, area.h - 1,
		  "This screen is not available in this version of orgdeck "
		  "yet. Use the People tab, or the API directly.",
		  theme_attr(THEME_LABEL), false);
}

static const struct action tab_later_actions[] = {
	{ 0 },
};

#define TAB_LATER(var, name, short_name)      \
	const struct pane_ops var = {         \
		.title = name,                \
		.short_title = short_name,    \
		.actions = tab_later_actions, \
		.draw = tab_later_draw,       \
	}

TAB_LATER(tab_keys_ops, "API Keys", "Keys");
TAB_LATER(tab_connections_ops, "Connections", "Conns");
TAB_LATER(tab_secrets_ops, "Secrets", "Secrets");
TAB_LATER(tab_authkit_ops, "AuthKit", "AuthKit");
TAB_LATER(tab_activity_ops, "Activity", "Activity");
