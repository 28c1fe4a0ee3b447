/* SPDX-License-Identifier: MIT */
/* The list of panes and tabs, and when each is (re)opened. */
#include "pane.h"

#include <stdbool.h>

#define PANE_LEFT 2

static const struct pane_ops *const pane_table[] = {
	&pane_orgs_ops,	  &pane_projects_ops,	&tab_people_ops,
	&tab_keys_ops,	  &tab_connections_ops, &tab_secrets_ops,
	&tab_authkit_ops, &tab_activity_ops,
};

#define PANE_COUNT (sizeof(pane_table) / sizeof(*pane_table))

/* The generation each tab was last opened at; 0: never. */
static unsigned long pane_opened[PANE_COUNT];

size_t pane_count(void)
{
	return PANE_COUNT;
}

const struct pane_ops *pane_at(size_t i)
{
	return i < PANE_COUNT ? pane_table[i] : NULL;
}

size_t pane_tab_count(void)
{
	return PANE_COUNT - PANE_LEFT;
}

const struct pane_ops *pane_tab(size_t i)
{
	return pane_at(i + PANE_LEFT);
}

void pane_show_tab(struct tui *t, size_t i)
{
	unsigned long gen = tui_generation(t) + 1;

	if (i >= pane_tab_count() || pane_opened[i + PANE_LEFT] == gen)
		return;
	if (tui_org(t) == NULL)
		return;
	pane_opened[i + PANE_LEFT] = gen;
	if (pane_tab(i)->open != NULL)
		pane_tab(i)->open(t);
}

void pane_context_changed(struct tui *t, size_t shown)
{
	size_t i;

	for (i = PANE_LEFT; i < PANE_COUNT; i++)
		pane_opened[i] = 0;
	pane_show_tab(t, shown);
}

void pane_sync_left(struct tui *t)
{
	size_t i;

	for (i = 0; i < PANE_LEFT; i++)
		pane_table[i]->open(t);
}

void pane_cancel_all(struct tui *t)
{
	size_t i;

	for (i = 0; i < PANE_COUNT; i++)
		if (pane_table[i]->cancel != NULL)
			pane_table[i]->cancel(t);
}

void pane_close_all(struct tui *t)
{
	size_t i;

	for (i = 0; i < PANE_COUNT; i++)
		if (pane_table[i]->close != NULL)
			pane_table[i]->close(t);
}
