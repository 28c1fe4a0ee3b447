/* SPDX-License-Identifier: MIT */
/*
 * The one pane behind the Connections, Secrets and AuthKit tabs.  Each tab
 * file (tab_connections.c, tab_secrets.c, tab_authkit.c) fills a struct
 * resource_desc: the columns of its rows, the fields of its forms with
 * their checks and the permissions to list and to read; its action table
 * gives the permission of each act.  Everything else, listing
 * page by page, details, reveal, create, edit and delete, is the same code
 * here and in resform.c.
 *
 * Details (a connection's config, an AuthKit configuration's settings, a
 * secret's value) are read one object at a time on request and dropped as
 * soon as another row is selected.  A secret's value is drawn only once
 * revealed, and its cells are kept out of script dumps.
 *
 * struct resource_tab owns its rows and the details it read;
 * resource_close() frees them, wiping a secret's value.
 */
#ifndef ORGDECK_TUI_RESOURCE_H
#define ORGDECK_TUI_RESOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"
#include "pager.h"
#include "table.h"
#include "tui.h"

#define RESOURCE_ID_MAX	  80
#define RESOURCE_CELL_MAX 128

/* Which member of struct api_resource_fields a form field fills. */
enum resource_slot {
	RESOURCE_NAME = 0,
	RESOURCE_PROVIDER,
	RESOURCE_CONFIG,    /* a connection's config, AuthKit settings */
	RESOURCE_VALUE,	    /* a secret's value: hidden as it is typed */
	RESOURCE_REDIRECTS, /* AuthKit redirect URIs */
	RESOURCE_PROVIDERS, /* AuthKit identity providers */
};

/* One field of the create and edit forms. */
struct resource_field {
	enum resource_slot slot;
	const char *label;
	/* NULL, or why @text (one item of a list field) is refused. */
	const char *(*check)(const char *text);
	bool optional; /* may be left empty when creating */
	int rows;      /* >1: a list, one item per line */
};

/* What differs between connections, secrets and AuthKit. */
struct resource_desc {
	enum model_resource_kind kind;
	const char *one;  /* "connection", in sentences */
	const char *many; /* "connections" */
	enum perm list;	  /* to show the rows at all */
	enum perm read;	  /* to see the details (a secret's value) */
	const struct table_col *cols;
	size_t n_cols;
	/* Fills @cells (n_cols of them, using @buf as room) for @r. */
	void (*cells)(const struct model_resource *r, const char **cells,
		      char (*buf)[RESOURCE_CELL_MAX]);
	/* Detail lines particular to the kind, summary or details. */
	void (*detail)(struct tui *t, struct rect r, int *y,
		       const struct model_resource *res, bool details);
	const struct resource_field *fields;
	size_t n_fields;
};

/* The state of one resource tab. */
struct resource_tab {
	const struct resource_desc *desc;
	struct pager pager;
	enum scope scope;
	char parent[RESOURCE_ID_MAX]; /* the org or project shown */
	char slot[32];		      /* the list requests' slot */
	char doing[64];		      /* "list the secrets", for errors */
	struct model_resource *shown; /* details of the selected row */
	unsigned long reading;	      /* details on their way, 0: none */
	bool for_edit;		      /* open the edit form when they come */
	bool revealed;		      /* draw the secret value in @shown */
};

/* The pane operations, for the tab files to wrap. */
void resource_open(struct resource_tab *rt, struct tui *t);
void resource_draw(struct resource_tab *rt, struct tui *t, struct rect area,
		   bool focused);
void resource_detail(struct resource_tab *rt, struct tui *t, struct rect r);
bool resource_key(struct resource_tab *rt, struct tui *t, int key);
void resource_click(struct resource_tab *rt, struct tui *t, int y, int x);
void resource_cancel(struct resource_tab *rt, struct tui *t);
void resource_close(struct resource_tab *rt, struct tui *t);

/* Actions: read the selected row's details (a secret: reveal its value,
 * or hide it again). */
void resource_read(struct resource_tab *rt, struct tui *t);

/* Reads the selected row's details, then opens the edit form with them.
 * Returns false when no row is selected. */
bool resource_fetch_for_edit(struct resource_tab *rt, struct tui *t);

/* The selected row, or NULL. */
const struct model_resource *resource_selected(const struct resource_tab *rt);

/* Reads the rows again after a change. */
void resource_reload(struct resource_tab *rt, struct tui *t);

/* ---- resform.c: the forms ---- */

/* Actions: create a resource, edit the selected one, delete it. */
void resform_create(struct resource_tab *rt, struct tui *t);
void resform_edit(struct resource_tab *rt, struct tui *t);
void resform_delete(struct resource_tab *rt, struct tui *t);

/* Opens the edit form for @res, the details just read (not taken). */
void resform_edit_open(struct resource_tab *rt, struct tui *t,
		       const struct model_resource *res);

/* Checks for the descriptors' fields: a provider name, a JSON object,
 * an http(s) URI.  Each returns NULL or why not. */
const char *resform_check_provider(const char *text);
const char *resform_check_json(const char *text);
const char *resform_check_uri(const char *text);

/*
 * Defines the pane operations and action handlers of a resource tab whose
 * state is the static @tab: PREFIX_open, ..., PREFIX_click, PREFIX_close for
 * struct pane_ops, and PREFIX_new, _read, _edit, _delete for its action table.
 */
#define RESOURCE_TAB_FUNCTIONS(prefix, tab)                             \
	static void prefix##_open(struct tui *t)                        \
	{                                                               \
		resource_open(&(tab), t);                               \
	}                                                               \
	static void prefix##_draw(struct tui *t, struct rect a, bool f) \
	{                                                               \
		resource_draw(&(tab), t, a, f);                         \
	}                                                               \
	static void prefix##_detail(struct tui *t, struct rect a)       \
	{                                                               \
		resource_detail(&(tab), t, a);                          \
	}                                                               \
	static bool prefix##_key(struct tui *t, int key)                \
	{                                                               \
		return resource_key(&(tab), t, key);                    \
	}                                                               \
	static void prefix##_click(struct tui *t, int y, int x)         \
	{                                                               \
		resource_click(&(tab), t, y, x);                        \
	}                                                               \
	static void prefix##_cancel(struct tui *t)                      \
	{                                                               \
		resource_cancel(&(tab), t);                             \
	}                                                               \
	static void prefix##_close(struct tui *t)                       \
	{                                                               \
		resource_close(&(tab), t);                              \
	}                                                               \
	static void prefix##_new(struct tui *t, const char *arg)        \
	{                                                               \
		(void)arg;                                              \
		resform_create(&(tab), t);                              \
	}                                                               \
	static void prefix##_read(struct tui *t, const char *arg)       \
	{                                                               \
		(void)arg;                                              \
		resource_read(&(tab), t);                               \
	}                                                               \
	static void prefix##_edit(struct tui *t, const char *arg)       \
	{                                                               \
		(void)arg;                                              \
		resform_edit(&(tab), t);                                \
	}                                                               \
	static void prefix##_delete(struct tui *t, const char *arg)     \
	{                                                               \
		(void)arg;                                              \
		resform_delete(&(tab), t);                              \
	}

#endif
