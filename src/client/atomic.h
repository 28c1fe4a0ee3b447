/* SPDX-License-Identifier: MIT */
/*
 * Whole-file replacement that a crash cannot leave half done: the new
 * contents go to a temporary file beside the target, are flushed to disk,
 * and are renamed over it.  Readers see the old file or the new one.
 */
#ifndef ORGDECK_ATOMIC_H
#define ORGDECK_ATOMIC_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Replaces @path with the @len bytes at @data, mode @mode, making its
 * directory (mode 0700) when missing.  On failure nothing is left behind
 * and @path is untouched.  Returns 0, or -1 with errno set.
 */
int atomic_write(const char *path, const void *data, size_t len, mode_t mode);

#endif
