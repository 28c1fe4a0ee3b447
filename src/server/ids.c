/* SPDX-License-Identifier: MIT */
/* Random, prefixed object IDs. */
#include "ids.h"

#include <string.h>

#include <sodium.h>

#define IDS_RANDOM_LEN 24

static const char ids_alphabet[] =
	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

void ids_new(char out[ID_SIZE], const char *prefix)
{
	size_t len = strlen(prefix);
	size_t i;

	if (len > ID_SIZE - 1 - IDS_RANDOM_LEN)
		len = ID_SIZE - 1 - IDS_RANDOM_LEN;
	memcpy(out, prefix, len);

	for (i = 0; i < IDS_RANDOM_LEN; i++)
		out[len + i] = ids_alphabet[randombytes_uniform(62)];
	out[len + IDS_RANDOM_LEN] = '\0';
}

bool ids_valid(const char *id, const char *prefix)
{
	size_t len, i;

	if (id == NULL || strncmp(id, prefix, strlen(prefix)) != 0)
		return false;

	len = strlen(id);
	if (len > ID_SIZE - 1)
		return false;
	for (i = 0; i < len; i++)
		if (id[i] != '_' && strchr(ids_alphabet, id[i]) == NULL)
			return false;
	return true;
}

void ids_copy(char out[ID_SIZE], const char *id)
{
	size_t len = id != NULL ? strlen(id) : 0;

	if (len > ID_SIZE - 1)
		len = ID_SIZE - 1;
	if (len > 0)
		memcpy(out, id, len);
	out[len] = '\0';
}
