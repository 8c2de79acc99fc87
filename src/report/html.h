/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The HTML reporter's own interface, shared by its files (html*.c) and its unit
 * test: escaping for each output context, the address spaces built from the model
 * before anything is drawn, and the anchors that tie findings to the map. Every
 * string that comes from an input goes through one of the escapers here.
 */
#ifndef FLASHLINT_REPORT_HTML_H
#define FLASHLINT_REPORT_HTML_H

#include <stdio.h>

#include "flashlint/report.h"

/* ---- escaping ------------------------------------------------------------------ */

/* s as HTML text or as a quoted attribute value (either quote): & < > " ' become
 * character references; C0 controls other than tab and newline, and every
 * ill-formed UTF-8 sequence, become U+FFFD. Also right for SVG text inside HTML. */
void html_text(FILE *f, const char *s);
/* The same for the first max_chars characters of s, with "…" when it is cut. */
void html_text_max(FILE *f, const char *s, size_t max_chars);
/* s as a JSON string literal that can stand inside <script type="application/json">:
 * < > & are written \u003c \u003e \u0026, so no "</script" or "<!--" can appear. */
void html_json_str(FILE *f, const char *s);
/* Characters (code points) in s, an ill-formed byte counting as one. */
size_t html_chars(const char *s);
/* A copy of s in which every character that is not [A-Za-z0-9 ._:/+,=()_-] is an
 * 'x': the same width to a layout engine, and nothing that needs escaping. */
char *html_plain(struct fl_arena *a, const char *s);
/* The per-report nonce: 22 characters of base64url from the system's random source
 * (the clock and the process ID when that fails). buf holds at least 23 bytes. */
void html_nonce(char *buf);

/* ---- what the map can point at --------------------------------------------------- */

enum html_flag {
	HTML_F_ERROR = 1u << 0,    /* an error finding is about it */
	HTML_F_WARNING = 1u << 1,  /* a warning finding is about it */
	HTML_F_RELATED = 1u << 2,  /* a finding's note names it */
	HTML_F_OUTSIDE = 1u << 3,  /* loaded bytes outside the memory of its image's slot */
};

/* One thing of the model a finding can point at (a partition, a section, a
 * memory), with the anchor of the place it is drawn. */
struct html_obj {
	const char *anchor;   /* element id, made of [a-z0-9-] only */
	unsigned flags;       /* enum html_flag, from the findings */
	int finding;          /* first finding whose own position is this object, or -1 */
};

enum html_band_kind {
	HTML_BAND_PARTITION,  /* a partition holding data */
	HTML_BAND_CONTAINER,  /* a partition that spans others */
	HTML_BAND_SECTION,    /* an output section at its run address */
	HTML_BAND_LOAD,       /* an output section's load image (LMA != VMA) */
	HTML_BAND_FREE,       /* unused space of the memory */
	HTML_BAND_OVERFLOW,   /* bytes placed past the memory's end */
};

struct html_band {
	enum html_band_kind kind;
	unsigned lane;        /* index into the space's lanes */
	unsigned col;         /* column inside the lane (overlapping bands), set when drawn */
	uint64_t start, end;  /* [start, end); end == start for an empty partition */
	const char *label;    /* name from the inputs (escaped when drawn) */
	int obj;              /* index into the objects, or -1 */
	bool primary;         /* this band carries the object's anchor */
	unsigned flags;       /* enum html_flag of the band itself */
};

struct html_lane {
	const char *title;    /* a fixed word ("partitions") */
	const char *image;    /* the image the lane shows, from the inputs, or NULL */
};

/* One address space: a memory drawn as one view with its own axis. */
struct html_space {
	const char *group;    /* fixed title of the group of views ("Partition Manager regions") */
	const char *image;    /* owning image (its name, from the inputs), or NULL */
	const char *kind;     /* fixed words: "Partition Manager region", "MEMORY region" */
	const char *name;     /* from the inputs */
	const char *device;   /* from the inputs, or NULL */
	const char *domain;   /* Partition Manager domain, from the inputs, or NULL */
	uint64_t base, size;  /* the memory */
	bool has_used;
	uint64_t used;        /* bytes the linker used (MEMORY regions) */
	bool cpu_addressed;   /* addresses are CPU addresses, not offsets into a device */
	int obj;              /* the object of the memory itself */
	FL_VEC(struct html_lane) lanes;
	FL_VEC(struct html_band) bands;
};

/* A finding as the page shows it: where it and each of its notes point on the map. */
struct html_finding {
	const struct fl_diag *d;
	int obj;              /* object at the finding's position, or -1 */
	int *note_obj;        /* per note, or -1 */
};

struct html_pos_slot;

/* The state of one report. Everything lives in `a`, freed when the page is done. */
struct html_ctx {
	FILE *out;
	struct fl_arena *a;
	const struct fl_model *m;
	const struct fl_run *run;
	const struct fl_diff *diff; /* the changes since a baseline build, or NULL */
	char nonce[24];
	FL_VEC(struct html_obj) objs;
	FL_VEC(struct html_space) spaces;
	FL_VEC(struct html_finding) findings;
	/* the object of each model item, or -1 */
	int *pm_region_obj;   /* per m->pm_regions */
	int *part_obj;        /* per m->partitions */
	int *spart_obj;       /* per m->static_partitions */
	int **region_obj;     /* [image][region] */
	int **section_obj;    /* [image][section] */
	int **device_obj;     /* [image][device]: one object per device path */
	int **dtpart_obj;     /* [image][devicetree partition]: one per device and name */
	/* (file, line) -> object */
	struct html_pos_slot *pos_tab;
	size_t pos_cap, pos_n;
};

/* The changes since the baseline build, when c->diff is set (html_diff.c). */
void html_put_diff(struct html_ctx *c);

/* A devicetree partition's name: its label ("slot0_partition"), else its node name. */
const char *html_dt_part_name(const struct fl_partition *p);

/* The partitions the map draws: the generated ones, or pm_static's when there are
 * none. */
void html_layout_partitions(const struct fl_model *m, const struct fl_partition **v, size_t *n,
			    bool *is_static);

/* Build the objects, the address spaces and the findings' links from c->m and
 * c->run (html_space.c). */
void html_build(struct html_ctx *c);
/* The object at a position (line granularity), or -1. */
int html_obj_at(const struct html_ctx *c, struct fl_pos pos);

/* Draw one address space as inline SVG (html_svg.c). */
void html_svg_space(struct html_ctx *c, const struct html_space *s);
/* Draw image k's loaded bytes on one axis over all its memories, gaps cut out. */
void html_svg_image_strip(struct html_ctx *c, size_t k);
/* "3.1 KiB" into buf (at least 32 bytes). */
const char *html_human_size(char *buf, uint64_t n);

/* Write the images → partitions → memories → devices diagram as inline SVG laid
 * out by Graphviz (html_graph.c); a short note instead when Graphviz fails. */
void html_graph(struct html_ctx *c);

/* Write the JSON data blocks of image k's tables (html_tables.c). */
void html_tables_data(struct html_ctx *c, size_t k);

/* The page's stylesheet and script (src/report/html/, embedded at build time). */
extern const char fl_html_css[];
extern const char fl_html_js[];

#endif
