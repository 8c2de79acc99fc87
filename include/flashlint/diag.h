/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Diagnostics: the per-run configuration (which rule is on, at what severity) over a
 * catalogue of rules given to the run, and the list every reader and rule reports
 * into. Knows no rule by name (the catalogue is flashlint/catalogue.h); nothing here
 * prints; reporters turn the sorted list into text, JSON, ...
 */
#ifndef FLASHLINT_DIAG_H
#define FLASHLINT_DIAG_H

#include <limits.h>

#include "flashlint/budgets.h"
#include "flashlint/core.h"

enum fl_severity {
	FL_SEV_OFF = 0,  /* rule disabled */
	FL_SEV_NOTE,
	FL_SEV_WARNING,
	FL_SEV_ERROR,
};

/* A rule is its index in the run's catalogue; FL_RULE_NONE marks a free-standing
 * note. It sorts after every rule. */
#define FL_RULE_NONE UINT_MAX

/* One catalogue entry. */
struct fl_rule_info {
	const char *id;          /* "SEC001" */
	const char *name;        /* "image-spans-memories" */
	enum fl_severity severity; /* default severity */
	unsigned need;           /* inputs the rule needs, bits the catalogue defines */
	const char *summary;     /* one line, lower case, no full stop */
};

/* The rules a run knows: diagnostics name a rule by its index in `rules`. */
struct fl_catalogue {
	const struct fl_rule_info *rules;
	unsigned count;
	unsigned input_rule;     /* the rule fl_inp() reports: malformed input */
};

/* Look a rule of cat up by ID ("SEC001", any case) or by name ("region-overflow").
 * Returns its index, or FL_RULE_NONE when unknown. */
unsigned fl_catalogue_find(const struct fl_catalogue *cat, const char *id_or_name);

/* Per-run rule configuration: built from the command line, read by fl_diag. The
 * arrays have one entry per catalogue rule, in the run's arena. */
struct fl_config {
	enum fl_severity *severity;      /* effective; FL_SEV_OFF = disabled */
	bool werror_all;                 /* -Werror: warnings become errors */
	bool *werror;                    /* -Werror=NAME */
	unsigned headroom_percent;       /* SEC004 budget, default 95 */
	unsigned slot_headroom_percent;  /* IMG004 budget, default 5 */
	const struct fl_budgets *budgets; /* per region, image and slot (flashlint.yml), or NULL */
	uint64_t max_input;              /* largest input file read, in bytes
					    (--max-input-size; FL_INPUT_LIMIT) */
};

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

/* The one fact behind several findings of a rule (see fl_diag_cause). */
struct fl_cause {
	const void *key;     /* the model object that is the fact: findings of one rule
				with the same key fold into one */
	struct fl_pos pos;   /* where the folded diagnostic is reported */
	const char *head;    /* its message: head, the number of findings, tail */
	const char *tail;
	const char *hint;    /* a last, location-less note (how to fix), or NULL */
	bool first_notes;    /* the first finding's own notes explain the fact: the
				fold keeps them after the findings' notes */
};

struct fl_diag {
	unsigned rule;             /* catalogue index; FL_RULE_NONE for a free-standing note */
	enum fl_severity severity; /* after the run configuration is applied */
	struct fl_pos pos;
	const char *msg;
	const char *image;         /* image the finding is about, or NULL */
	FL_VEC(struct fl_note) notes;
	FL_VEC(struct fl_num) nums;
	uint32_t seq;              /* emission order, the last sort key */
	const struct fl_cause *cause; /* the fact that explains it, or NULL */
	struct fl_note as_note;    /* what it becomes in its cause's diagnostic */
	uint64_t findings;         /* findings folded into this one; 0 when none */
};

struct fl_diags {
	FL_VEC(struct fl_diag *) v;
	unsigned count[FL_SEV_ERROR + 1]; /* per severity, after fl_diags_finish() */
};

/* The run: arena, configuration and diagnostics. Readers, the model and rules all
 * report through it; nothing else is global. */
struct fl_run {
	struct fl_arena *arena;
	const struct fl_catalogue *cat; /* the rules diagnostics refer to */
	struct fl_config cfg;
	struct fl_diags diags;
	bool input_failed;   /* an INP001 made some input unusable (exit 2) */
};

/* Report a finding of `rule` at `pos`. Severity comes from run->cfg; a disabled
 * rule's diagnostic is still returned (so callers may add notes) but is dropped by
 * fl_diags_finish(). The message is printf-formatted into the arena. */
struct fl_diag *fl_diag(struct fl_run *run, unsigned rule, struct fl_pos pos,
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

/*
 * One root cause, one error. When one fact explains several findings of a rule (a
 * partition without 'span' overlapping N others; one missing driver behind N
 * partitions of an image), the rule reports each finding as usual and gives it the
 * cause and the note that stands for it:
 *
 *	struct fl_cause *c = fl_alloc(run->arena, sizeof(*c));   (once per fact)
 *	*c = (struct fl_cause){ container, pos_of_container,
 *		"partition 'x' overlaps ", " partitions in region 'flash_primary'", hint };
 *	d = fl_diag(run, FL_RULE_PRT001, pos, "partition 'x' overlaps 'y' ...");
 *	fl_diag_cause(run, d, c, pos_of_y, "'y' (...) lies inside 'x'");
 *
 * fl_diags_finish() then folds every enabled finding of that rule with the same
 * cause->key into ONE diagnostic at cause->pos, message head + count + tail, whose
 * notes are the findings' notes (in emission order), then the first finding's own
 * notes when cause->first_notes, then the hint; its severity is
 * the highest of theirs, its number "findings" the count (diag->findings). A cause
 * that explains a single finding changes nothing: the finding is reported as it is.
 * Every reporter sees only the folded diagnostic.
 */
void fl_diag_cause(struct fl_run *run, struct fl_diag *d, const struct fl_cause *cause,
		   struct fl_pos note_pos, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Report malformed input: the catalogue's input rule (INP001) at file:line:col, and
 * mark the run as having an unusable input. */
struct fl_diag *fl_inp(struct fl_run *run, const char *file, uint32_t line, uint32_t col,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Drop disabled diagnostics and exact duplicates, fold the findings of one cause
 * (fl_diag_cause), sort by (file, line, col, ID, seq) with location-less ones last,
 * and count severities. */
void fl_diags_finish(struct fl_run *run);

/* A fingerprint of d (a finding of rule `id`) that survives unrelated edits: the
 * rule, `file` and the shape of the message with every number (decimal or 0x hex)
 * left out, so a finding keeps its identity while its byte counts and line numbers
 * change from build to build. SARIF's partialFingerprints use file = d->pos.file. */
uint64_t fl_diag_fingerprint(struct fl_arena *a, const char *id, const struct fl_diag *d,
			     const char *file);

/* Initialise a run over cat (which must outlive it), its configuration at the
 * catalogue's defaults; release it. */
int fl_run_init(struct fl_run *run, const struct fl_catalogue *cat);
void fl_run_free(struct fl_run *run);

/* "error", "warning", "note". */
const char *fl_severity_name(enum fl_severity s);

#endif
