/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Diagnostics: the rule catalogue as an enum, the per-run configuration (which rule
 * is on, at what severity) and the list every reader and rule reports into.
 * Nothing here prints; reporters turn the sorted list into text, JSON, ...
 */
#ifndef FLASHLINT_DIAG_H
#define FLASHLINT_DIAG_H

#include "flashlint/core.h"

enum fl_severity {
	FL_SEV_OFF = 0,  /* rule disabled */
	FL_SEV_NOTE,
	FL_SEV_WARNING,
	FL_SEV_ERROR,
};

/* Inputs a rule needs; a rule whose inputs are missing is skipped with a note. */
enum fl_need {
	NEED_IMAGE = 1u << 0,  /* an ELF or a map of at least one image */
	NEED_ELF = 1u << 1,
	NEED_MAP = 1u << 2,
	NEED_LAYOUT = 1u << 3, /* partitions (Partition Manager or devicetree) */
	NEED_CONFIG = 1u << 4,
};

enum fl_rule_id {
#define RULE(id, name, sev, need, summary) FL_RULE_##id,
#include "../../rules/rules.def"
#undef RULE
	FL_RULE_COUNT,
	FL_RULE_NONE = FL_RULE_COUNT, /* a free-standing note without a rule */
};

/* One catalogue entry (generated from rules/rules.def). */
struct fl_rule_info {
	const char *id;          /* "SEC001" */
	const char *name;        /* "image-spans-memories" */
	enum fl_severity severity; /* default severity */
	unsigned need;           /* enum fl_need bits */
	const char *summary;     /* one line, lower case, no full stop */
};

extern const struct fl_rule_info fl_rules[FL_RULE_COUNT];

/* Look a rule up by ID ("SEC001", any case) or by name ("region-overflow").
 * Returns FL_RULE_NONE when unknown. */
enum fl_rule_id fl_rule_lookup(const char *id_or_name);

/* Per-run rule configuration: built from the command line, read by diag_add. */
struct fl_config {
	enum fl_severity severity[FL_RULE_COUNT]; /* effective; FL_SEV_OFF = disabled */
	bool werror_all;                          /* -Werror: warnings become errors */
	bool werror[FL_RULE_COUNT];               /* -Werror=NAME */
	unsigned headroom_percent;                /* SEC004 budget, default 95 */
	unsigned slot_headroom_percent;           /* IMG004 budget, default 5 */
};

/* Defaults from the catalogue. */
void fl_config_init(struct fl_config *cfg);

/* A follow-up line of a diagnostic: another place and/or more numbers. */
struct fl_note {
	struct fl_pos pos;   /* file NULL: printed without a location */
	const char *msg;
};

/* A named number carried by a diagnostic into JSON/SARIF (always an integer). */
struct fl_num {
	const char *key;
	uint64_t value;
};

struct fl_diag {
	enum fl_rule_id rule;      /* FL_RULE_NONE for a free-standing note */
	enum fl_severity severity; /* after the run configuration is applied */
	struct fl_pos pos;
	const char *msg;
	const char *image;         /* image the finding is about, or NULL */
	FL_VEC(struct fl_note) notes;
	FL_VEC(struct fl_num) nums;
	uint32_t seq;              /* emission order, the last sort key */
};

struct fl_diags {
	FL_VEC(struct fl_diag *) v;
	unsigned count[FL_SEV_ERROR + 1]; /* per severity, after fl_diags_finish() */
};

/* The run: arena, configuration and diagnostics. Readers, the model and rules all
 * report through it; nothing else is global. */
struct fl_run {
	struct fl_arena *arena;
	struct fl_config cfg;
	struct fl_diags diags;
	bool input_failed;   /* an INP001 made some input unusable (exit 2) */
};

/* Report a finding of `rule` at `pos`. Severity comes from run->cfg; a disabled
 * rule's diagnostic is still returned (so callers may add notes) but is dropped by
 * fl_diags_finish(). The message is printf-formatted into the arena. */
struct fl_diag *fl_diag(struct fl_run *run, enum fl_rule_id rule, struct fl_pos pos,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A free-standing note (no rule ID). */
struct fl_diag *fl_note_at(struct fl_run *run, struct fl_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Add a follow-up note line to d. */
void fl_diag_note(struct fl_run *run, struct fl_diag *d, struct fl_pos pos,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Report d, a finding of a rule that is an error by default, as a warning (the
 * lesser case of an E/W rule) unless -Werror or -Werror=<its rule> is given. */
void fl_diag_warning(const struct fl_run *run, struct fl_diag *d);
/* Attach a named integer to d. */
void fl_diag_num(struct fl_run *run, struct fl_diag *d, const char *key, uint64_t v);

/* Report malformed input: INP001 at file:line:col and mark the run as having an
 * unusable input. */
struct fl_diag *fl_inp(struct fl_run *run, const char *file, uint32_t line, uint32_t col,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Drop disabled diagnostics and exact duplicates, sort by (file, line, col, ID,
 * seq) with location-less ones last, and count severities. */
void fl_diags_finish(struct fl_run *run);

/* Initialise / release a run. */
int fl_run_init(struct fl_run *run);
void fl_run_free(struct fl_run *run);

/* "error", "warning", "note". */
const char *fl_severity_name(enum fl_severity s);

#endif
