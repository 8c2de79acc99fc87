/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Writing a build's digest as the "detail" member of a full JSON report. Private
 * to src/report; the saved-report reader in src/readers reads it back.
 */
#ifndef FLASHLINT_REPORT_DIGEST_JSON_H
#define FLASHLINT_REPORT_DIGEST_JSON_H

#include "flashlint/diff.h"
#include "json_w.h"

/* "detail": {...} as a member of the open object of w. */
void digest_json_write(struct json_w *w, const struct fl_digest *g);

#endif
