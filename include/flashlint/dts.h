/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A devicetree as written by a Zephyr build (zephyr/zephyr.dts: the final, merged,
 * preprocessed source). Nodes keep their labels, unit address, properties and the
 * line each was written on; values keep their pieces (cells, strings, bytes,
 * references) so rules can read a reg, a size in bits or a chosen phandle exactly.
 * src/readers/dts.c reads it; the look-ups below (src/model/dt.c) only read it.
 */
#ifndef FLASHLINT_DTS_H
#define FLASHLINT_DTS_H

#include "flashlint/core.h"
#include "flashlint/diag.h"

/* One cell of a <...> list: a number, or a phandle reference &label / &{/path}. */
struct fl_dt_cell {
	uint64_t v;           /* the number, truncated to the piece's bits (<-1> is
				 0xffffffff); 0 for a reference */
	const char *ref;      /* "flash0" for &flash0, "/soc/qspi" for &{/soc/qspi}; NULL */
};

enum fl_dt_piece_kind {
	FL_DT_CELLS,          /* <1 2 &x>, with /bits/ n; (expressions) are evaluated */
	FL_DT_STRING,         /* "okay" */
	FL_DT_BYTES,          /* [00 11 22] */
	FL_DT_REF,            /* a bare &label or &{/path}: a path reference */
};

/* A value is a comma-separated list of pieces: compatible = "a", "b" has two. */
struct fl_dt_piece {
	enum fl_dt_piece_kind kind;
	unsigned bits;        /* cells: 8, 16, 32 (default) or 64 */
	uint32_t n;           /* cells: count; bytes: count; string/ref: 1 */
	union {
		struct fl_dt_cell *cells;
		const uint8_t *bytes;
		const char *str;  /* string (escapes resolved) or the reference target */
	} u;
};

struct fl_dt_prop {
	const char *name;
	FL_VEC(struct fl_dt_piece) val; /* empty for a boolean property ("read-only;") */
	struct fl_pos pos;              /* line and column of the property name (of its
					   last definition when it was redefined) */
};

struct fl_dt_node {
	const char *name;      /* "flash@0"; "/" for the root */
	const char *path;      /* "/soc/flash-controller@39000/flash@0" */
	const char *unit;      /* "0" (text after '@'), or NULL */
	FL_VEC(const char *) labels;
	struct fl_dt_node *parent;
	FL_VEC(struct fl_dt_node *) children;
	FL_VEC(struct fl_dt_prop) props;
	struct fl_pos pos;     /* line and column of the node name (or its first label),
				  where it was first defined */
};

struct fl_dt_label {
	const char *label;
	struct fl_dt_node *node;
};

struct fl_dt {
	const char *path;      /* the file; NULL when none was read */
	struct fl_dt_node *root;
	/* label -> node index sorted by label (bsearch), built by the reader; when it
	 * is empty (a tree built by hand) look-ups scan the tree */
	FL_VEC(struct fl_dt_label) labels_;
};

/* Read `path` into dt (overwriting it; everything is allocated in run's arena, the
 * file is closed before returning). Returns 0, or -FL_EIO / -FL_EFORMAT with an
 * INP001 diagnostic at the offending line:column (tabs count as one column).
 * A node defined twice is merged (properties replaced in place, children added), as
 * dtc does; &label { ... } and &{/path} { ... } at the top level extend that node;
 * /delete-node/ and /delete-property/ are applied; /memreserve/ and
 * /omit-if-no-ref/ are read and ignored. Every &reference in a value must name a
 * node of the final tree (label, or exact path), except under /plugin/.
 * Reading stops at the first syntax error (one INP001); what was read before it is
 * left in dt, consistent but incomplete. Unknown references are each reported, on
 * a complete tree. Bounds: 256 node levels, 256 levels of expression nesting, node
 * paths of 1024 bytes. */
int fl_dts_read(struct fl_run *run, struct fl_dt *dt, const char *path);
/* The same on a buffer in memory (path is used for positions only; buf needs no
 * terminating NUL, a NUL byte in it is an error). */
int fl_dts_parse(struct fl_run *run, struct fl_dt *dt, const char *path, const char *buf,
		 size_t len);

/* The node with this label, or NULL. */
struct fl_dt_node *fl_dt_label(const struct fl_dt *dt, const char *label);
/* The node at this absolute path ("/soc/qspi@2b000"), or the one an alias names
 * when `path` does not start with '/' ("serial0", also "alias/child/..."); NULL
 * when none. A unit address may be omitted when it is unambiguous ("/soc/qspi"). */
struct fl_dt_node *fl_dt_path(const struct fl_dt *dt, const char *path);
/* The node a reference names: a label, or a path when it starts with '/'; written
 * bare or as in the source ("&flash0", "&{/soc/qspi}"). */
struct fl_dt_node *fl_dt_resolve(const struct fl_dt *dt, const char *ref);
/* The node /chosen's property `name` points at (a &ref, <&ref>, or a path or alias
 * string, with ":options" ignored as in "serial0:115200n8"), or NULL. The property
 * itself (or NULL) is returned in *prop when prop is not NULL. */
struct fl_dt_node *fl_dt_chosen(const struct fl_dt *dt, const char *name,
				const struct fl_dt_prop **prop);

/* The property `name` of node, or NULL. */
const struct fl_dt_prop *fl_dt_prop(const struct fl_dt_node *node, const char *name);
/* The idx-th cell of a property's concatenated cell pieces; false when absent or not
 * a number. */
bool fl_dt_prop_cell(const struct fl_dt_prop *p, size_t idx, uint64_t *out);
/* Node property read as one number: a single cell of any width, or two 32-bit
 * cells (high first); false otherwise. */
bool fl_dt_prop_u64(const struct fl_dt_node *node, const char *name, uint64_t *out);
/* The idx-th string of a string-list property, or NULL. */
const char *fl_dt_prop_str(const struct fl_dt_prop *p, size_t idx);
/* True when node's "compatible" list contains `compat`. */
bool fl_dt_compatible(const struct fl_dt_node *node, const char *compat);
/* status absent, "okay" or "ok" (false for a NULL node). */
bool fl_dt_okay(const struct fl_dt_node *node);
/* #address-cells / #size-cells that apply to node's reg (read from its parent;
 * defaults 2 and 1). */
unsigned fl_dt_address_cells(const struct fl_dt_node *node);
unsigned fl_dt_size_cells(const struct fl_dt_node *node);
/* The idx-th (address, size) pair of node's reg, using the parent's cell counts.
 * False when reg is absent or too short, holds a reference or cells other than
 * 32-bit, or the counts do not fit 64 bits (#address-cells 1-2, #size-cells 0-2).
 * *size is 0 when #size-cells is 0. */
bool fl_dt_reg(const struct fl_dt_node *node, size_t idx, uint64_t *addr, uint64_t *size);
/* The reg entry named `name` in reg-names, as fl_dt_reg(). */
bool fl_dt_reg_by_name(const struct fl_dt_node *node, const char *name, uint64_t *addr,
		       uint64_t *size);
/* The first label of node, or NULL. */
const char *fl_dt_node_label(const struct fl_dt_node *node);

/* Iterate over node's children in file order (a node without children may have
 * children.v == NULL: NULL + 0 is not computed). */
#define fl_dt_for_each_child(node, it)                                            \
	for (struct fl_dt_node *const *it = (node)->children.v,                   \
				  *const *it##_end_ = it ? it + (node)->children.n : it; \
	     it != it##_end_; it++)

#endif
