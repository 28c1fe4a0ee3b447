/* SPDX-License-Identifier: MIT */
/*
 * Idempotency-Key on POST: the first answer to a key is stored for 24
 * hours per principal, and a retry with the same method, path and body gets
 * it again with Idempotent-Replayed: true.  The same key on a different
 * request answers 422 idempotency_mismatch.
 *
 * The first attempt reserves the key before its handler runs, so that only
 * one attempt ever runs: another one that arrives before the answer is
 * stored gets 409 idempotency_in_progress.  An attempt that fails with a
 * 5xx (or is rate-limited) gives the key back, so that a retry runs.
 *
 * An answer that carried a token (a key's secret, an invitation code, a new
 * user's token) is stored twice: redacted in clear, and in full sealed with
 * the server key; the full form is replayed only within ten minutes.
 */
#ifndef ORGDECKD_IDEM_H
#define ORGDECKD_IDEM_H

#include "req.h"

/*
 * Runs before the handler of a POST.  Returns 1 when it answered (a replay
 * or an error), 0 to go on to the handler, holding the key when the
 * request has one.
 */
int idem_begin(struct req *req);

/*
 * Runs after the handler of every POST that idem_begin() let through:
 * stores the answer in the key the request holds, or gives the key back.
 */
void idem_finish(struct req *req);

#endif
