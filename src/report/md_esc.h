/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Markdown escaping shared by the markdown report and the markdown diff: strings
 * from the inputs rendered inert. Private to src/report.
 */
#ifndef FLASHLINT_REPORT_MD_ESC_H
#define FLASHLINT_REPORT_MD_ESC_H

#include <stdio.h>

/* str as inert markdown text (punctuation escaped, no HTML, no mentions). */
void md_text(FILE *out, const char *str);
/* str as a code span. */
void md_code(FILE *out, const char *str);

#endif
