/* SPDX-License-Identifier: MIT */
/*
 * The tests' HTTP client: a fresh libcurl handle per request, the body kept
 * in a capped buffer and parsed with cJSON, and the few response headers the
 * API defines picked out as they arrive.
 */
#include "http.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#define HTTP_TIMEOUT_S	   60
#define HTTP_LINE_MAX	   512
#define HTTP_PATH_PART_MAX 128

static pthread_once_t http_once = PTHREAD_ONCE_INIT;

static void http_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

static size_t http_write(char *data, size_t size, size_t n, void *arg)
{
	struct test_response *res = arg;

	if (buf_append(&res->body, data, size * n) < 0)
		return 0;
	return size * n;
}

/* Copies a header value into @dst (capacity @size), trimmed. */
static void http_copy_value(char *dst, size_t size, const char *value,
			    size_t len)
{
	while (len > 0 && isspace((unsigned char)value[len - 1]))
		len--;
	if (len >= size)
		len = size - 1;
	memcpy(dst, value, len);
	dst[len] = '\0';
}

/* Files one "Name: value" header line into @res if it is one we keep. */
static void http_keep_header(struct test_response *res, const char *name,
			     size_t name_len, const char *value, size_t len)
{
	char replayed[16];

	if (name_len == 4 && strncasecmp(name, "ETag", 4) == 0)
		http_copy_value(res->etag, sizeof(res->etag), value, len);
	else if (name_len == 11 && strncasecmp(name, "Retry-After", 11) == 0)
		http_copy_value(res->retry_after, sizeof(res->retry_after),
				value, len);
	else if (name_len == 12 && strncasecmp(name, "X-Request-Id", 12) == 0)
		http_copy_value(res->request_id, sizeof(res->request_id), value,
				len);
	else if (name_len == 12 && strncasecmp(name, "Content-Type", 12) == 0)
		http_copy_value(res->content_type, sizeof(res->content_type),
				value, len);
	else if (name_len == 19 &&
		 strncasecmp(name, "Idempotent-Replayed", 19) == 0) {
		http_copy_value(replayed, sizeof(replayed), value, len);
		res->replayed = strcasecmp(replayed, "true") == 0;
	}
}

static size_t http_header(char *data, size_t size, size_t n, void *arg)
{
	size_t len = size * n, name_len;
	const char *colon = memchr(data, ':', len);
	const char *value;

	if (colon == NULL)
		return len;

	name_len = (size_t)(colon - data);
	value = colon + 1;
	while (value < data + len && (*value == ' ' || *value == '\t'))
		value++;
	http_keep_header(arg, data, name_len, value,
			 (size_t)(data + len - value));
	return len;
}

/* Builds the request's header list; NULL when out of memory. */
static struct curl_slist *http_headers(const char *token, const char *body,
				       const char *const *extra)
{
	struct curl_slist *list = NULL, *next;
	char line[HTTP_LINE_MAX];

	if (body != NULL) {
		list = curl_slist_append(list,
					 "Content-Type: application/json");
		if (list == NULL)
			return NULL;
	}
	if (token != NULL) {
		snprintf(line, sizeof(line), "Authorization: Bearer %s", token);
		next = curl_slist_append(list, line);
		memset(line, 0, sizeof(line));
		if (next == NULL)
			goto fail;
		list = next;
	}
	for (; extra != NULL && *extra != NULL; extra++) {
		next = curl_slist_append(list, *extra);
		if (next == NULL)
			goto fail;
		list = next;
	}
	return list;

fail:
	curl_slist_free_all(list);
	return NULL;
}

/* Sets the method and body; POST-like requests always send a length. */
static void http_set_body(CURL *curl, const char *method, const char *body)
{
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	if (body == NULL &&
	    (strcmp(method, "POST") == 0 || strcmp(method, "PATCH") == 0 ||
	     strcmp(method, "PUT") == 0))
		body = "";
	if (body == NULL)
		return;

	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
			 (curl_off_t)strlen(body));
}

static void http_set_options(CURL *curl, struct test_response *out,
			     const char *url, const char *ca_file)
{
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)HTTP_TIMEOUT_S);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, http_write);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, http_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, out);
	curl_easy_setopt(curl, CURLOPT_PROXY, "");
	if (ca_file != NULL)
		curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file);
}

/* Runs the transfer; a server that answers then hangs up still counts. */
static int http_perform(CURL *curl, struct test_response *out,
			const char *method, const char *url)
{
	CURLcode rc = curl_easy_perform(curl);

	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out->status);
	if (rc != CURLE_OK && out->status == 0) {
		fprintf(stderr, "%s %s: %s\n", method, url,
			curl_easy_strerror(rc));
		return -1;
	}
	if (out->body.len > 0)
		out->json = cJSON_Parse(out->body.data);
	return 0;
}

int test_http_url(struct test_response *out, const char *base_url,
		  const char *ca_file, const char *token, const char *method,
		  const char *path, const char *body,
		  const char *const *headers)
{
	struct curl_slist *list = NULL;
	struct buf url;
	CURL *curl = NULL;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	buf_init(&out->body, TEST_HTTP_MAX_BODY);
	buf_init(&url, 8192);
	pthread_once(&http_once, http_global_init);
	if (buf_printf(&url, "%s%s", base_url, path) < 0)
		goto out;

	curl = curl_easy_init();
	list = http_headers(token, body, headers);
	if (curl == NULL || (list == NULL && (token != NULL || body != NULL)))
		goto out;

	http_set_options(curl, out, url.data, ca_file);
	http_set_body(curl, method, body);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
	ret = http_perform(curl, out, method, url.data);

out:
	curl_slist_free_all(list);
	if (curl != NULL)
		curl_easy_cleanup(curl);
	buf_release(&url);
	return ret;
}

int test_http(struct test_response *out, const struct test_server *srv,
	      const char *token, const char *method, const char *path,
	      const char *body, const char *const *headers)
{
	return test_http_url(out, srv->url, NULL, token, method, path, body,
			     headers);
}

void test_response_release(struct test_response *res)
{
	cJSON_Delete(res->json);
	res->json = NULL;
	buf_release(&res->body);
}

/* Steps from @node to its child named by the @len bytes at @part. */
static const cJSON *http_json_step(const cJSON *node, const char *part,
				   size_t len)
{
	char name[HTTP_PATH_PART_MAX];
	char *end;
	long index;

	if (len >= sizeof(name))
		return NULL;
	memcpy(name, part, len);
	name[len] = '\0';

	if (cJSON_IsArray(node)) {
		index = strtol(name, &end, 10);
		if (*end != '\0' || end == name || index < 0)
			return NULL;
		return cJSON_GetArrayItem(node, (int)index);
	}
	return cJSON_GetObjectItemCaseSensitive(node, name);
}

const cJSON *test_json_at(const cJSON *root, const char *path)
{
	const cJSON *node = root;

	while (node != NULL && path != NULL && *path != '\0') {
		size_t len = strcspn(path, ".");

		node = http_json_step(node, path, len);
		path += len;
		if (*path == '.')
			path++;
	}
	return node;
}

const char *test_json_str(const cJSON *root, const char *path)
{
	const cJSON *node = test_json_at(root, path);

	return cJSON_IsString(node) ? node->valuestring : NULL;
}

double test_json_num(const cJSON *root, const char *path)
{
	const cJSON *node = test_json_at(root, path);

	return cJSON_IsNumber(node) ? node->valuedouble : -1;
}

int test_json_bool(const cJSON *root, const char *path)
{
	const cJSON *node = test_json_at(root, path);

	if (!cJSON_IsBool(node))
		return -1;
	return cJSON_IsTrue(node) ? 1 : 0;
}

int test_json_len(const cJSON *root, const char *path)
{
	const cJSON *node = test_json_at(root, path);

	return cJSON_IsArray(node) ? cJSON_GetArraySize(node) : -1;
}

bool test_json_has(const cJSON *root, const char *path, const char *value)
{
	const cJSON *node = test_json_at(root, path);
	const cJSON *item;

	if (!cJSON_IsArray(node))
		return false;
	cJSON_ArrayForEach(item, node)
	{
		if (cJSON_IsString(item) &&
		    strcmp(item->valuestring, value) == 0)
			return true;
	}
	return false;
}

const char *test_error_code(const struct test_response *res)
{
	const char *code = test_json_str(res->json, "error.code");

	return code != NULL ? code : "";
}
