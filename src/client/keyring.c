/* SPDX-License-Identifier: MIT */
/*
 * The Secret Service through libsecret's asynchronous API.  Each public
 * call runs its steps on a private GMainContext against one deadline; when
 * the deadline passes, the step in flight is cancelled.
 */
#include "orgdeck/keyring.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <libsecret/secret.h>
#include <sodium.h>

#define KEYRING_BUS_NAME "org.freedesktop.secrets"
/* How long a cancelled step may take to report back before it is left
 * behind. */
#define KEYRING_GRACE_MS 500

struct keyring {
	GMainContext *ctx;
	SecretService *service;
	unsigned int timeout_ms;
	gint64 deadline; /* monotonic microseconds, for the current call */
};

/* One asynchronous step in flight and where its result lands. */
struct keyring_step {
	GCancellable *cancel;
	GAsyncResult *result;
	bool done;
};

static const SecretSchema keyring_schema = {
	.name = "org.orgdeck.Credential",
	.flags = SECRET_SCHEMA_NONE,
	.attributes = {
		{ "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
		{ "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
		{ NULL, 0 },
	},
};

static const char *const keyring_status_names[] = {
	[KEYRING_OK] = "ok",
	[KEYRING_NO_BUS] = "no session bus",
	[KEYRING_BUS_UNREACHABLE] = "session bus unreachable",
	[KEYRING_NO_SERVICE] = "no Secret Service",
	[KEYRING_NO_COLLECTION] = "no default keyring",
	[KEYRING_LOCKED] = "keyring locked",
	[KEYRING_TIMEOUT] = "keyring timed out",
	[KEYRING_FAILED] = "keyring error",
};

const char *keyring_status_name(enum keyring_status status)
{
	if ((unsigned int)status > KEYRING_FAILED)
		return "unknown";
	return keyring_status_names[status];
}

/* Starts the clock for one public call. */
static void keyring_deadline_start(struct keyring *k)
{
	k->deadline = g_get_monotonic_time() + (gint64)k->timeout_ms * 1000;
}

static void keyring_step_ready(GObject *source, GAsyncResult *result,
			       gpointer data)
{
	struct keyring_step *step = data;

	(void)source;
	step->result = g_object_ref(result);
	step->done = true;
}

static gboolean keyring_step_expire(gpointer data)
{
	g_cancellable_cancel(data);
	return G_SOURCE_REMOVE;
}

/*
 * Makes a step and makes @k's context the thread default, so that the
 * step's callback runs there.  Pass keyring_step_ready and the step to the
 * asynchronous call, then call keyring_step_wait().
 */
static struct keyring_step *keyring_step_begin(struct keyring *k)
{
	struct keyring_step *step = g_new0(struct keyring_step, 1);

	step->cancel = g_cancellable_new();
	g_main_context_push_thread_default(k->ctx);
	return step;
}

static void keyring_step_free(struct keyring_step *step)
{
	if (step == NULL)
		return;
	if (step->result != NULL)
		g_object_unref(step->result);
	g_object_unref(step->cancel);
	g_free(step);
}

/* Iterates @ctx until @step is done or @ms pass.  Returns whether done. */
static bool keyring_iterate(GMainContext *ctx, struct keyring_step *step,
			    gint64 ms, GCancellable *cancel)
{
	GSource *timer = g_timeout_source_new(ms > 0 ? (guint)ms : 0);

	g_source_set_callback(timer, keyring_step_expire, cancel, NULL);
	g_source_attach(timer, ctx);
	while (!step->done && !g_cancellable_is_cancelled(cancel))
		g_main_context_iteration(ctx, TRUE);
	g_source_destroy(timer);
	g_source_unref(timer);
	return step->done;
}

/*
 * Waits for *@step until @k's deadline, then cancels it and gives it a
 * moment to report back.  Returns KEYRING_OK when it finished in time
 * (successfully or not), KEYRING_TIMEOUT otherwise.  A step that never
 * reports back is left behind, since its callback may still write to it,
 * and *@step is then NULL.
 *
 * XXX: such a step's small struct is leaked: GIO offers no way to detach a
 * callback from an operation in flight.
 */
static enum keyring_status keyring_step_wait(struct keyring *k,
					     struct keyring_step **step)
{
	gint64 left = (k->deadline - g_get_monotonic_time()) / 1000;
	GCancellable *grace;
	enum keyring_status status = KEYRING_OK;

	if (!keyring_iterate(k->ctx, *step, left, (*step)->cancel)) {
		status = KEYRING_TIMEOUT;
		grace = g_cancellable_new();
		if (!keyring_iterate(k->ctx, *step, KEYRING_GRACE_MS, grace))
			*step = NULL;
		g_object_unref(grace);
	} else if (g_cancellable_is_cancelled((*step)->cancel)) {
		status = KEYRING_TIMEOUT;
	}

	g_main_context_pop_thread_default(k->ctx);
	return status;
}

static enum keyring_status keyring_timed_out(struct keyring *k,
					     const char *what, struct buf *why)
{
	buf_printf(why,
		   "the keyring did not answer within %.1f s while %s; "
		   "its daemon may be hung (restarting it, or logging "
		   "out and in, usually helps)",
		   k->timeout_ms / 1000.0, what);
	return KEYRING_TIMEOUT;
}

/* Reports @error from the Secret Service and frees it. */
static enum keyring_status keyring_failed(GError *error, const char *what,
					  struct buf *why)
{
	buf_printf(why, "the keyring failed while %s: %s", what,
		   error ? error->message : "unknown error");
	g_clear_error(&error);
	return KEYRING_FAILED;
}

/* Whether a session bus can be found at all, without GLib autolaunching
 * one (dbus-launch would start a stray bus just for us). */
static enum keyring_status keyring_check_address(struct buf *why)
{
	const char *addr = getenv("DBUS_SESSION_BUS_ADDRESS");
	const char *runtime = getenv("XDG_RUNTIME_DIR");
	struct stat st;
	char *socket;
	bool found;

	if (addr != NULL && *addr != '\0')
		return KEYRING_OK;

	if (runtime != NULL && runtime[0] == '/') {
		socket = g_strdup_printf("%s/bus", runtime);
		found = stat(socket, &st) == 0 && S_ISSOCK(st.st_mode);
		g_free(socket);
		if (found)
			return KEYRING_OK;
	}

	buf_puts(why, "there is no D-Bus session bus: "
		      "DBUS_SESSION_BUS_ADDRESS is not set (usual over SSH) "
		      "and none listens at $XDG_RUNTIME_DIR/bus, so no keyring "
		      "can be reached");
	return KEYRING_NO_BUS;
}

/*
 * Calls @method of the bus daemon itself with @args.  Returns the reply,
 * which the caller unrefs, or NULL with *@status set and @why filled.
 */
static GVariant *keyring_bus_call(struct keyring *k, GDBusConnection *bus,
				  const char *method, GVariant *args,
				  const char *reply_type,
				  enum keyring_status *status, struct buf *why)
{
	struct keyring_step *step = keyring_step_begin(k);
	GVariant *reply = NULL;
	GError *error = NULL;

	g_dbus_connection_call(bus, "org.freedesktop.DBus",
			       "/org/freedesktop/DBus", "org.freedesktop.DBus",
			       method, args, G_VARIANT_TYPE(reply_type),
			       G_DBUS_CALL_FLAGS_NONE, -1, step->cancel,
			       keyring_step_ready, step);
	*status = keyring_step_wait(k, &step);
	if (*status != KEYRING_OK) {
		keyring_timed_out(k, "asking the session bus", why);
		goto out;
	}

	reply = g_dbus_connection_call_finish(bus, step->result, &error);
	if (reply == NULL) {
		buf_printf(why, "the D-Bus session bus did not answer %s: %s",
			   method, error->message);
		g_clear_error(&error);
		*status = KEYRING_BUS_UNREACHABLE;
	}
out:
	keyring_step_free(step);
	return reply;
}

/* Whether something owns, or the bus can start, the Secret Service. */
static enum keyring_status
keyring_check_name(struct keyring *k, GDBusConnection *bus, struct buf *why)
{
	enum keyring_status status;
	GVariant *reply, *names = NULL;
	gboolean owned = FALSE, startable = FALSE;
	const char **list;

	reply = keyring_bus_call(k, bus, "NameHasOwner",
				 g_variant_new("(s)", KEYRING_BUS_NAME), "(b)",
				 &status, why);
	if (reply == NULL)
		return status;
	g_variant_get(reply, "(b)", &owned);
	g_variant_unref(reply);
	if (owned)
		return KEYRING_OK;

	reply = keyring_bus_call(k, bus, "ListActivatableNames", NULL, "(as)",
				 &status, why);
	if (reply == NULL)
		return status;
	names = g_variant_get_child_value(reply, 0);
	list = g_variant_get_strv(names, NULL);
	startable = g_strv_contains(list, KEYRING_BUS_NAME);
	g_free(list);
	g_variant_unref(names);
	g_variant_unref(reply);
	if (startable)
		return KEYRING_OK;

	buf_puts(why, "no Secret Service runs on the D-Bus session bus: "
		      "start a keyring such as gnome-keyring-daemon "
		      "(--components=secrets) or KeePassXC");
	return KEYRING_NO_SERVICE;
}

/* Connects to the session bus and checks for the Secret Service there. */
static enum keyring_status keyring_connect(struct keyring *k, struct buf *why)
{
	struct keyring_step *step = keyring_step_begin(k);
	enum keyring_status status;
	GDBusConnection *bus = NULL;
	GError *error = NULL;

	g_bus_get(G_BUS_TYPE_SESSION, step->cancel, keyring_step_ready, step);
	status = keyring_step_wait(k, &step);
	if (status != KEYRING_OK) {
		keyring_timed_out(k, "connecting to the session bus", why);
		goto out;
	}

	bus = g_bus_get_finish(step->result, &error);
	if (bus == NULL) {
		buf_printf(why, "cannot reach the D-Bus session bus: %s",
			   error->message);
		g_clear_error(&error);
		status = KEYRING_BUS_UNREACHABLE;
		goto out;
	}
	/* GLib would otherwise end the whole program if the bus goes away. */
	g_dbus_connection_set_exit_on_close(bus, FALSE);
	status = keyring_check_name(k, bus, why);
out:
	keyring_step_free(step);
	if (bus != NULL)
		g_object_unref(bus);
	return status;
}

/* Gets the Secret Service object, with an encrypted transfer session. */
static enum keyring_status keyring_get_service(struct keyring *k,
					       struct buf *why)
{
	struct keyring_step *step = keyring_step_begin(k);
	enum keyring_status status;
	GError *error = NULL;

	secret_service_get(SECRET_SERVICE_OPEN_SESSION, step->cancel,
			   keyring_step_ready, step);
	status = keyring_step_wait(k, &step);
	if (status != KEYRING_OK) {
		keyring_timed_out(k, "opening a session", why);
		goto out;
	}

	k->service = secret_service_get_finish(step->result, &error);
	if (k->service == NULL)
		status = keyring_failed(error, "opening a session", why);
out:
	keyring_step_free(step);
	return status;
}

/* Checks that the default collection exists and is unlocked. */
static enum keyring_status keyring_check_collection(struct keyring *k,
						    struct buf *why)
{
	struct keyring_step *step = keyring_step_begin(k);
	SecretCollection *collection = NULL;
	enum keyring_status status;
	GError *error = NULL;

	secret_collection_for_alias(k->service, SECRET_COLLECTION_DEFAULT,
				    SECRET_COLLECTION_NONE, step->cancel,
				    keyring_step_ready, step);
	status = keyring_step_wait(k, &step);
	if (status != KEYRING_OK) {
		keyring_timed_out(k, "finding the default keyring", why);
		goto out;
	}

	collection = secret_collection_for_alias_finish(step->result, &error);
	if (error != NULL) {
		status = keyring_failed(error, "finding the default keyring",
					why);
	} else if (collection == NULL) {
		buf_puts(why, "the Secret Service has no default keyring: "
			      "create one (for example with seahorse, or by "
			      "logging in to a desktop session once)");
		status = KEYRING_NO_COLLECTION;
	} else if (secret_collection_get_locked(collection)) {
		buf_puts(why, "the default keyring is locked: unlock it (for "
			      "example by logging in to the desktop, or with "
			      "seahorse) and try again");
		status = KEYRING_LOCKED;
	}
out:
	keyring_step_free(step);
	if (collection != NULL)
		g_object_unref(collection);
	return status;
}

enum keyring_status keyring_open(struct keyring **out, unsigned int timeout_ms,
				 struct buf *why)
{
	enum keyring_status status;
	struct keyring *k;

	*out = NULL;
	if (sodium_init() < 0) {
		buf_puts(why, "libsodium could not be initialised");
		return KEYRING_FAILED;
	}
	k = g_new0(struct keyring, 1);
	k->ctx = g_main_context_new();
	k->timeout_ms = timeout_ms;
	keyring_deadline_start(k);

	status = keyring_check_address(why);
	if (status == KEYRING_OK)
		status = keyring_connect(k, why);
	if (status == KEYRING_OK)
		status = keyring_get_service(k, why);
	if (status == KEYRING_OK)
		status = keyring_check_collection(k, why);

	if (status == KEYRING_OK)
		*out = k;
	else
		keyring_free(&k);
	return status;
}

void keyring_free(struct keyring **k)
{
	struct keyring *kr = k ? *k : NULL;

	if (kr == NULL)
		return;
	if (kr->service != NULL)
		g_object_unref(kr->service);
	/* Let pending unref'd sources of this context go before it does. */
	while (g_main_context_iteration(kr->ctx, FALSE))
		;
	g_main_context_unref(kr->ctx);
	g_free(kr);
	*k = NULL;
}

static GHashTable *keyring_attributes(const char *profile, const char *server)
{
	return secret_attributes_build(&keyring_schema, "profile", profile,
				       "server", server, NULL);
}

enum keyring_status keyring_store(struct keyring *k, const char *profile,
				  const char *server, const char *token,
				  struct buf *why)
{
	GHashTable *attrs = keyring_attributes(profile, server);
	SecretValue *value = secret_value_new(token, -1, "text/plain");
	struct keyring_step *step;
	enum keyring_status status;
	GError *error = NULL;
	char *label;

	label = g_strdup_printf("orgdeck token for %s (%s)", profile, server);
	keyring_deadline_start(k);
	step = keyring_step_begin(k);
	secret_service_store(k->service, &keyring_schema, attrs,
			     SECRET_COLLECTION_DEFAULT, label, value,
			     step->cancel, keyring_step_ready, step);
	status = keyring_step_wait(k, &step);
	if (status != KEYRING_OK) {
		keyring_timed_out(k, "storing the token", why);
		goto out;
	}

	if (!secret_service_store_finish(k->service, step->result, &error))
		status = keyring_failed(error, "storing the token", why);
out:
	keyring_step_free(step);
	secret_value_unref(value);
	g_hash_table_unref(attrs);
	g_free(label);
	return status;
}

/* Copies the secret of @value into locked memory, or NULL. */
static char *keyring_value_take(SecretValue *value)
{
	gsize len = 0;
	const gchar *bytes = secret_value_get(value, &len);
	char *copy = sodium_malloc(len + 1);

	if (copy != NULL) {
		memcpy(copy, bytes, len);
		copy[len] = '\0';
	}
	secret_value_unref(value);
	return copy;
}

enum keyring_status keyring_lookup(struct keyring *k, char **token,
				   const char *profile, const char *server,
				   struct buf *why)
{
	GHashTable *attrs = keyring_attributes(profile, server);
	struct keyring_step *step;
	enum keyring_status status;
	SecretValue *value;
	GError *error = NULL;

	*token = NULL;
	keyring_deadline_start(k);
	step = keyring_step_begin(k);
	secret_service_lookup(k->service, &keyring_schema, attrs, step->cancel,
			      keyring_step_ready, step);
	status = keyring_step_wait(k, &step);
	if (status != KEYRING_OK) {
		keyring_timed_out(k, "looking up the token", why);
		goto out;
	}

	value = secret_service_lookup_finish(k->service, step->result, &error);
	if (error != NULL) {
		status = keyring_failed(error, "looking up the token", why);
		goto out;
	}
	if (value == NULL)
		goto out;

	*token = keyring_value_take(value);
	if (*token == NULL) {
		buf_puts(why, "out of memory while reading the token");
		status = KEYRING_FAILED;
	}
out:
	keyring_step_free(step);
	g_hash_table_unref(attrs);
	return status;
}

enum keyring_status keyring_clear(struct keyring *k, bool *removed,
				  const char *profile, const char *server,
				  struct buf *why)
{
	GHashTable *attrs = keyring_attributes(profile, server);
	struct keyring_step *step;
	enum keyring_status status;
	GError *error = NULL;

	*removed = false;
	keyring_deadline_start(k);
	step = keyring_step_begin(k);
	secret_service_clear(k->service, &keyring_schema, attrs, step->cancel,
			     keyring_step_ready, step);
	status = keyring_step_wait(k, &step);
	if (status != KEYRING_OK) {
		keyring_timed_out(k, "removing the token", why);
		goto out;
	}

	*removed =
		secret_service_clear_finish(k->service, step->result, &error);
	if (error != NULL)
		status = keyring_failed(error, "removing the token", why);
out:
	keyring_step_free(step);
	g_hash_table_unref(attrs);
	return status;
}
