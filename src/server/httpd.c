/* SPDX-License-Identifier: MIT */
/*
 * libmicrohttpd glue.  MHD calls httpd_access() several times per request:
 * once with the headers, once per piece of body, and once at the end; the
 * request object lives in MHD's per-request pointer between those calls
 * and is freed when MHD reports the request complete.
 */
#include "httpd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "orgdeck/log.h"

#include "reply.h"
#include "req.h"
#include "router.h"

#define HTTPD_TIMEOUT_S 30
#define HTTPD_PEM_MAX	(1u << 20)
#define HTTPD_HOST_MAX	256

struct httpd {
	struct MHD_Daemon *daemon;
	struct buf cert; /* PEM text, kept for MHD until stop */
	struct buf key;
};

/* Sends MHD's own complaints to our log. */
static void httpd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];

	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\n")] = '\0';
	log_warn("microhttpd: %s", line);
}

/* Frees an answer handed to MHD, wiping it first. */
static void httpd_free_answer(void *answer)
{
	sodium_memzero(answer, strlen(answer));
	free(answer);
}

static void httpd_log_request(const struct req *req)
{
	struct timespec ts;
	int64_t now;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
	log_info("%s %s %s %u %lldms %s%s", req->id, req->method, req->path,
		 req->status, (long long)((now - req->start_ns) / 1000000),
		 req->who.id[0] != '\0' ? req->who.id : "-",
		 req->replayed ? " replayed" : "");
}

/* Adds the headers every answer carries. */
static void httpd_headers(struct MHD_Response *res, const struct req *req)
{
	char retry[16];

	MHD_add_response_header(res, "Content-Type", "application/json");
	MHD_add_response_header(res, "Cache-Control", "no-store");
	MHD_add_response_header(res, "X-Request-Id", req->id);
	if (req->etag[0] != '\0')
		MHD_add_response_header(res, "ETag", req->etag);
	if (req->status == 429) {
		snprintf(retry, sizeof(retry), "%u", req->retry_after);
		MHD_add_response_header(res, "Retry-After", retry);
	}
	if (req->replayed)
		MHD_add_response_header(res, "Idempotent-Replayed", "true");
}

/* Hands the answer in @req to MHD. */
static enum MHD_Result httpd_send(struct req *req)
{
	struct MHD_Response *res;
	enum MHD_Result ret;
	char *answer = req->answer;

	if (!req->replied || answer == NULL)
		reply_internal(req, "no answer");
	answer = req->answer;
	res = MHD_create_response_from_buffer_with_free_callback(
		strlen(answer), answer, httpd_free_answer);
	if (res == NULL)
		return MHD_NO;
	req->answer = NULL;

	httpd_headers(res, req);
	ret = MHD_queue_response(req->conn, req->status, res);
	MHD_destroy_response(res);
	httpd_log_request(req);
	return ret;
}

/* Records the peer's address for rate limits of public routes. */
static void httpd_client(struct req *req, struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *info = MHD_get_connection_info(
		conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char host[INET6_ADDRSTRLEN] = "unknown";
	const struct sockaddr *sa = info != NULL ? info->client_addr : NULL;

	if (sa != NULL)
		getnameinfo(sa,
			    sa->sa_family == AF_INET6
				    ? sizeof(struct sockaddr_in6)
				    : sizeof(struct sockaddr_in),
			    host, sizeof(host), NULL, 0, NI_NUMERICHOST);
	snprintf(req->client, sizeof(req->client), "ip:%s", host);
}

/* True when the declared Content-Length is over the cap. */
static bool httpd_declared_too_large(const struct req *req)
{
	const char *len = req_header(req, "Content-Length");
	unsigned long long n;
	char *end;

	if (len == NULL)
		return false;
	errno = 0;
	n = strtoull(len, &end, 10);
	return errno != 0 || n > req->cfg->max_body;
}

static int httpd_too_large(struct req *req)
{
	return reply_error(req, 413, "body_too_large", NULL,
			   "the body is larger than %zu bytes",
			   req->cfg->max_body);
}

/* First call for a request: headers are in, the body is not. */
static enum MHD_Result httpd_begin(struct MHD_Connection *conn,
				   const struct httpd_config *cfg,
				   const char *method, const char *url,
				   void **con_cls)
{
	struct req *req = req_new(conn, cfg, method, url);

	if (req == NULL)
		return MHD_NO;
	*con_cls = req;
	httpd_client(req, conn);

	if (!httpd_declared_too_large(req))
		return MHD_YES;
	httpd_too_large(req);
	return httpd_send(req);
}

static enum MHD_Result httpd_access(void *cls, struct MHD_Connection *conn,
				    const char *url, const char *method,
				    const char *version,
				    const char *upload_data,
				    size_t *upload_data_size, void **con_cls)
{
	struct req *req = *con_cls;

	(void)version;
	if (req == NULL)
		return httpd_begin(conn, cls, method, url, con_cls);
	if (req->replied)
		return MHD_YES;

	if (*upload_data_size > 0) {
		if (buf_append(&req->body, upload_data, *upload_data_size) <
		    0) {
			/*
			 * XXX: a body sent without a Content-Length that grows
			 * past the cap gets its connection closed, not a 413:
			 * libmicrohttpd cannot answer while reading a body.
			 */
			log_warn("%s: body over %zu bytes; closing", req->id,
				 req->cfg->max_body);
			return MHD_NO;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}

	router_dispatch(req);
	return httpd_send(req);
}

static void httpd_completed(void *cls, struct MHD_Connection *conn,
			    void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct req *req = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	req_free(&req);
	*con_cls = NULL;
}

/* Splits "HOST:PORT" or "[V6]:PORT" into @host and @port. */
static int httpd_split(char *host, const char **port, const char *listen)
{
	const char *colon = strrchr(listen, ':');
	const char *start = listen, *end = colon;

	if (colon == NULL || colon[1] == '\0')
		return -1;
	if (*listen == '[') {
		start++;
		end = colon > listen && colon[-1] == ']' ? colon - 1 : NULL;
	}
	if (end == NULL || end <= start ||
	    (size_t)(end - start) >= HTTPD_HOST_MAX)
		return -1;

	memcpy(host, start, (size_t)(end - start));
	host[end - start] = '\0';
	*port = colon + 1;
	return 0;
}

/* Resolves @listen into @addr.  Returns 0, or -1 after logging why. */
static int httpd_resolve(struct sockaddr_storage *addr, const char *listen)
{
	struct addrinfo hints = { 0 }, *res = NULL;
	char host[HTTPD_HOST_MAX];
	const char *port;
	int rc;

	if (httpd_split(host, &port, listen) < 0) {
		log_error("--listen wants HOST:PORT, not %s", listen);
		return -1;
	}
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0) {
		log_error("cannot listen on %s: %s", listen, gai_strerror(rc));
		return -1;
	}
	memcpy(addr, res->ai_addr, res->ai_addrlen);
	freeaddrinfo(res);
	return 0;
}

/* Reads a PEM file into @out. */
static int httpd_read_pem(struct buf *out, const char *path)
{
	char chunk[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	buf_init(out, HTTPD_PEM_MAX);
	if (fd < 0) {
		log_error("cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n <= 0 || buf_append(out, chunk, (size_t)n) < 0)
			break;
	}
	close(fd);
	sodium_memzero(chunk, sizeof(chunk));
	if (n != 0 || out->len == 0) {
		log_error("cannot read %s", path);
		return -1;
	}
	return 0;
}

/* Loads the certificate and key when TLS was asked for. */
static int httpd_tls(struct httpd *h, const struct httpd_config *cfg)
{
	if (cfg->tls_cert == NULL && cfg->tls_key == NULL)
		return 0;
	if (cfg->tls_cert == NULL || cfg->tls_key == NULL) {
		log_error("--tls-cert and --tls-key go together");
		return -1;
	}
	if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
		log_error("this libmicrohttpd was built without TLS");
		return -1;
	}
	if (httpd_read_pem(&h->cert, cfg->tls_cert) < 0 ||
	    httpd_read_pem(&h->key, cfg->tls_key) < 0)
		return -1;
	return 0;
}

/* Starts MHD on @addr with the options @cfg asks for. */
static struct MHD_Daemon *httpd_daemon(struct httpd *h,
				       const struct httpd_config *cfg,
				       const struct sockaddr_storage *addr)
{
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
			     MHD_USE_ERROR_LOG;
	struct MHD_OptionItem tls[] = {
		{ MHD_OPTION_HTTPS_MEM_CERT, 0, h->cert.data },
		{ MHD_OPTION_HTTPS_MEM_KEY, 0, h->key.data },
		{ MHD_OPTION_END, 0, NULL },
	};

	if (addr->ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (h->cert.len > 0)
		flags |= MHD_USE_TLS;
	else
		tls[0].option = MHD_OPTION_END;

	return MHD_start_daemon(
		flags, 0, NULL, NULL, httpd_access, (void *)cfg,
		MHD_OPTION_EXTERNAL_LOGGER, httpd_log, NULL,
		MHD_OPTION_SOCK_ADDR, addr, MHD_OPTION_THREAD_POOL_SIZE,
		cfg->threads, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned int)HTTPD_TIMEOUT_S, MHD_OPTION_NOTIFY_COMPLETED,
		httpd_completed, NULL, MHD_OPTION_ARRAY, tls, MHD_OPTION_END);
}

/* Writes the base URL the daemon listens on into @url. */
static void httpd_url(char *url, size_t size, const struct httpd *h,
		      const struct httpd_config *cfg)
{
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(h->daemon, MHD_DAEMON_INFO_BIND_PORT);
	char host[HTTPD_HOST_MAX];
	const char *port;
	bool v6;

	httpd_split(host, &port, cfg->listen);
	v6 = strchr(host, ':') != NULL;
	snprintf(url, size, "%s://%s%s%s:%u",
		 h->cert.len > 0 ? "https" : "http", v6 ? "[" : "", host,
		 v6 ? "]" : "", info != NULL ? (unsigned int)info->port : 0u);
}

struct httpd *httpd_start(const struct httpd_config *cfg, char *url,
			  size_t size)
{
	struct sockaddr_storage addr;
	struct httpd *h = calloc(1, sizeof(*h));

	if (h == NULL)
		return NULL;
	buf_init(&h->cert, HTTPD_PEM_MAX);
	buf_init(&h->key, HTTPD_PEM_MAX);
	if (httpd_resolve(&addr, cfg->listen) < 0 || httpd_tls(h, cfg) < 0)
		goto out;

	h->daemon = httpd_daemon(h, cfg, &addr);
	if (h->daemon == NULL)
		log_error("cannot listen on %s", cfg->listen);
	else
		httpd_url(url, size, h, cfg);

out:
	if (h->daemon == NULL)
		httpd_stop(&h);
	return h;
}

void httpd_stop(struct httpd **hp)
{
	struct httpd *h = *hp;

	if (h == NULL)
		return;
	if (h->daemon != NULL)
		MHD_stop_daemon(h->daemon);
	buf_release(&h->cert);
	buf_release(&h->key);
	free(h);
	*hp = NULL;
}
