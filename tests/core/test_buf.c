/* SPDX-License-Identifier: MIT */
/* The capped buffer: growth, the cap, and detaching. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "orgdeck/buf.h"

Test(buf, grows_and_stays_terminated)
{
	struct buf b;
	int i;

	buf_init(&b, 1 << 20);
	for (i = 0; i < 1000; i++)
		cr_assert_eq(buf_printf(&b, "%03d,", i), 0);
	cr_expect_eq(b.len, 4000);
	cr_expect_eq(b.data[b.len], '\0');
	cr_expect_eq(strncmp(b.data + 3996, "999,", 4), 0);
	buf_release(&b);
	cr_expect_null(b.data);
}

Test(buf, refuses_to_pass_its_cap_and_keeps_what_it_had)
{
	struct buf b;

	buf_init(&b, 8);
	cr_assert_eq(buf_puts(&b, "12345"), 0);
	errno = 0;
	cr_expect_eq(buf_puts(&b, "6789"), -1);
	cr_expect_eq(errno, E2BIG);
	cr_expect_str_eq(b.data, "12345");
	cr_expect_eq(buf_printf(&b, "%s", "abcdef"), -1);
	cr_expect_eq(buf_puts(&b, "678"), 0);
	cr_expect_str_eq(b.data, "12345678");
	buf_release(&b);
}

Test(buf, detach_hands_over_the_memory)
{
	struct buf b;
	char *s;

	buf_init(&b, 64);
	s = buf_detach(&b);
	cr_expect_str_eq(s, "");
	free(s);

	buf_puts(&b, "hello");
	s = buf_detach(&b);
	cr_expect_str_eq(s, "hello");
	cr_expect_null(b.data);
	cr_expect_eq(b.len, 0);
	free(s);
}
