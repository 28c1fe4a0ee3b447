/* SPDX-License-Identifier: MIT */
/* Keeps orgdeck-client non-empty until its first module lands; remove then. */
int client_placeholder(void);

int client_placeholder(void)
{
	return 0;
}
