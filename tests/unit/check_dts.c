// SPDX-License-Identifier: Apache-2.0
/*
 * Devicetree source reader and lookups: every value form with its exact value,
 * positions, merging, deletion, labels, aliases, chosen, reg decoding, one INP001
 * at the right place for each kind of malformed input, bounds, and every
 * zephyr.dts of the real corpus (skipped with a message when ../shared is absent).
 */
#include <check.h>
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flashlint/dts.h"
#include "check_util.h"

#define DATA FL_TEST_DATA "/dts/"
#define CORPUS FL_CORPUS

static struct fl_run run;

static void setup(void)
{
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
}

static void teardown(void)
{
	fl_run_free(&run);
}

static size_t count_inp(void)
{
	return fl_test_count_inp(&run);
}

static const struct fl_dt_prop *prop(const struct fl_dt_node *n, const char *name)
{
	const struct fl_dt_prop *p = fl_dt_prop(n, name);
	ck_assert_msg(p != NULL, "%s: no property '%s'", n ? n->path : "(null)", name);
	return p;
}

static uint64_t cell(const struct fl_dt_prop *p, size_t idx)
{
	uint64_t v = 0;
	ck_assert_msg(fl_dt_prop_cell(p, idx, &v), "%s: no cell %zu", p->name, idx);
	return v;
}

static uint64_t u64(const struct fl_dt_node *n, const char *name)
{
	uint64_t v = 0;
	ck_assert_msg(fl_dt_prop_u64(n, name, &v), "%s: %s is not a number", n->path, name);
	return v;
}

static struct fl_dt_node *path(const struct fl_dt *dt, const char *p)
{
	struct fl_dt_node *n = fl_dt_path(dt, p);
	ck_assert_msg(n != NULL, "no node %s", p);
	return n;
}

static void read_ok(struct fl_dt *dt, const char *file)
{
	ck_assert_int_eq(fl_dts_read(&run, dt, file), 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_ptr_nonnull(dt->root);
}

/* ---- syntax ---------------------------------------------------------------------- */

START_TEST(test_values)
{
	struct fl_dt dt = { 0 };
	read_ok(&dt, DATA "syntax.dts");
	ck_assert_str_eq(dt.path, DATA "syntax.dts");

	const struct fl_dt_node *root = dt.root;
	ck_assert_str_eq(root->name, "/");
	ck_assert_str_eq(root->path, "/");
	ck_assert_ptr_null(root->parent);
	ck_assert_ptr_null(root->unit);
	ck_assert_uint_eq(root->pos.line, 5);
	ck_assert_uint_eq(root->pos.col, 1);
	ck_assert_str_eq(root->pos.file, DATA "syntax.dts");
	ck_assert_uint_eq(cell(prop(root, "#address-cells"), 0), 1);

	const struct fl_dt_prop *p = prop(root, "model");
	ck_assert_uint_eq(p->val.n, 1);
	ck_assert_int_eq(p->val.v[0].kind, FL_DT_STRING);
	ck_assert_str_eq(p->val.v[0].u.str, "Test \"board\"\n\t\\ AAq");
	ck_assert_uint_eq(p->pos.line, 8);
	ck_assert_uint_eq(p->pos.col, 2);

	p = prop(root, "compatible");
	ck_assert_uint_eq(p->val.n, 2);
	ck_assert_str_eq(fl_dt_prop_str(p, 0), "vendor,board");
	ck_assert_str_eq(fl_dt_prop_str(p, 1), "vendor,soc");
	ck_assert_ptr_null(fl_dt_prop_str(p, 2));
	ck_assert(fl_dt_compatible(root, "vendor,soc"));
	ck_assert(!fl_dt_compatible(root, "vendor"));

	const char *kids[] = { "chosen", "aliases", "soc" };
	size_t k = 0;
	fl_dt_for_each_child(root, c) {
		ck_assert_uint_lt(k, 3);
		ck_assert_str_eq((*c)->name, kids[k++]);
		ck_assert_ptr_eq((*c)->parent, root);
	}
	ck_assert_uint_eq(k, 3);

	const struct fl_dt_node *uart = path(&dt, "/soc/uart@1000");
	ck_assert_str_eq(uart->name, "uart@1000");
	ck_assert_str_eq(uart->unit, "1000");
	ck_assert_uint_eq(uart->labels.n, 2);
	ck_assert_str_eq(uart->labels.v[0], "uart0");
	ck_assert_str_eq(uart->labels.v[1], "serial");
	ck_assert_str_eq(fl_dt_node_label(uart), "uart0");
	ck_assert_uint_eq(uart->pos.line, 27);
	ck_assert_uint_eq(uart->pos.col, 3);
	ck_assert_str_eq(uart->parent->path, "/soc");
	ck_assert(fl_dt_okay(uart));

	const struct fl_dt_prop *ro = prop(uart, "read-only");
	ck_assert_uint_eq(ro->val.n, 0);
	ck_assert_uint_eq(ro->pos.line, 30);
	ck_assert_uint_eq(ro->pos.col, 4);

	p = prop(uart, "numbers");
	ck_assert_uint_eq(p->pos.line, 31);
	ck_assert_uint_eq(p->pos.col, 4);
	ck_assert_uint_eq(p->val.n, 1);
	ck_assert_uint_eq(p->val.v[0].bits, 32);
	const uint64_t numbers[] = { 1, 0x10, 8, 'a', '\n', 0x41, '\'', 0xffffffff, 0xffffffff,
				     0xffffffff, 7 };
	ck_assert_uint_eq(p->val.v[0].n, 11);
	for (size_t i = 0; i < 11; i++)
		ck_assert_uint_eq(cell(p, i), numbers[i]);
	uint64_t v = 0;
	ck_assert(!fl_dt_prop_cell(p, 11, &v));
	ck_assert(!fl_dt_prop_u64(uart, "numbers", &v));

	p = prop(uart, "exprs");
	const uint64_t exprs[] = { 8, 20, 0xff, 3, 1, 2, 3, 1, 0x8000000, 0xffffffff, 5, 5, 0, 1,
				   0, 1, 1, 0, 0, 0xffffffff };
	ck_assert_uint_eq(p->val.v[0].n, 20);
	for (size_t i = 0; i < 20; i++)
		ck_assert_msg(cell(p, i) == exprs[i], "exprs[%zu] = 0x%llx", i,
			      (unsigned long long)cell(p, i));

	p = prop(uart, "mixed");
	ck_assert_uint_eq(p->val.n, 5);
	ck_assert_int_eq(p->val.v[0].kind, FL_DT_STRING);
	ck_assert_str_eq(p->val.v[0].u.str, "a");
	ck_assert_int_eq(p->val.v[1].kind, FL_DT_CELLS);
	ck_assert_uint_eq(p->val.v[1].n, 2);
	ck_assert_uint_eq(p->val.v[1].u.cells[1].v, 2);
	ck_assert_int_eq(p->val.v[2].kind, FL_DT_BYTES);
	ck_assert_uint_eq(p->val.v[2].n, 3);
	ck_assert_mem_eq(p->val.v[2].u.bytes, "\x00\x11\xaa", 3);
	ck_assert_int_eq(p->val.v[3].kind, FL_DT_REF);
	ck_assert_str_eq(p->val.v[3].u.str, "sram0");
	ck_assert_int_eq(p->val.v[4].kind, FL_DT_CELLS);
	ck_assert_uint_eq(p->val.v[4].n, 2);
	ck_assert_str_eq(p->val.v[4].u.cells[0].ref, "/soc/memory@20000000");
	ck_assert_uint_eq(p->val.v[4].u.cells[0].v, 0);
	ck_assert_ptr_null(p->val.v[4].u.cells[1].ref);
	ck_assert_uint_eq(p->val.v[4].u.cells[1].v, 5);
	/* Cells count across pieces; a reference is not a number. */
	ck_assert_uint_eq(cell(p, 1), 2);
	ck_assert(!fl_dt_prop_cell(p, 2, &v));
	ck_assert_uint_eq(cell(p, 3), 5);
	ck_assert_ptr_eq(fl_dt_resolve(&dt, p->val.v[3].u.str), path(&dt, "/soc/memory@20000000"));
	ck_assert_ptr_eq(fl_dt_resolve(&dt, p->val.v[4].u.cells[0].ref),
			 path(&dt, "/soc/memory@20000000"));

	p = prop(uart, "bits8");
	ck_assert_uint_eq(p->val.v[0].bits, 8);
	ck_assert_uint_eq(p->val.v[0].n, 4);
	ck_assert_uint_eq(cell(p, 0), 0x12);
	ck_assert_uint_eq(cell(p, 1), 0xff);
	ck_assert_uint_eq(cell(p, 2), 0xff);
	ck_assert_uint_eq(cell(p, 3), 'z');
	p = prop(uart, "bits16");
	ck_assert_uint_eq(p->val.v[0].bits, 16);
	ck_assert_uint_eq(cell(p, 0), 0xabcd);
	ck_assert_uint_eq(u64(uart, "bits16"), 0xabcd);
	p = prop(uart, "bits64");
	ck_assert_uint_eq(p->val.v[0].bits, 64);
	ck_assert_uint_eq(cell(p, 0), 0x123456789abcdef0);
	ck_assert_uint_eq(u64(uart, "bits64"), 0x123456789abcdef0);
	ck_assert_uint_eq(u64(uart, "u64"), 0x100000002);

	p = prop(uart, "bytes");
	ck_assert_int_eq(p->val.v[0].kind, FL_DT_BYTES);
	ck_assert_uint_eq(p->val.v[0].n, 4);
	ck_assert_mem_eq(p->val.v[0].u.bytes, "\x00\x11\xaa\xbb", 4);
	p = prop(uart, "spaced-bytes");
	ck_assert_uint_eq(p->val.v[0].n, 4);
	ck_assert_mem_eq(p->val.v[0].u.bytes, "\xde\xad\xbe\xef", 4);
	p = prop(uart, "empty-cells");
	ck_assert_uint_eq(p->val.n, 1);
	ck_assert_int_eq(p->val.v[0].kind, FL_DT_CELLS);
	ck_assert_uint_eq(p->val.v[0].n, 0);
	ck_assert(!fl_dt_prop_u64(uart, "empty-cells", &v));
	ck_assert_str_eq(fl_dt_prop_str(prop(uart, "empty-string"), 0), "");

	p = prop(uart, "multi");
	ck_assert_uint_eq(p->pos.line, 45);
	ck_assert_uint_eq(p->pos.col, 4);
	ck_assert_uint_eq(cell(p, 0), 2);
	ck_assert_uint_eq(cell(p, 1), 3);

	ck_assert_ptr_null(fl_dt_prop(uart, "absent"));
	ck_assert(!fl_dt_prop_u64(uart, "absent", &v));
	ck_assert(!fl_dt_prop_u64(uart, "status", &v));
	ck_assert_ptr_null(fl_dt_prop_str(prop(uart, "reg"), 0));
}
END_TEST

START_TEST(test_lookups)
{
	struct fl_dt dt = { 0 };
	read_ok(&dt, DATA "syntax.dts");

	ck_assert_uint_eq(dt.labels_.n, 6);
	for (size_t i = 1; i < dt.labels_.n; i++)
		ck_assert_int_lt(strcmp(dt.labels_.v[i - 1].label, dt.labels_.v[i].label), 0);

	struct fl_dt_node *uart = path(&dt, "/soc/uart@1000");
	struct fl_dt_node *flash = path(&dt, "/soc/flash-controller@4001e000/flash@0");
	struct fl_dt_node *slot0 =
		path(&dt, "/soc/flash-controller@4001e000/flash@0/partitions/partition@c000");
	struct fl_dt_node *boot =
		path(&dt, "/soc/flash-controller@4001e000/flash@0/partitions/partition@0");
	struct fl_dt_node *sram = path(&dt, "/soc/memory@20000000");

	ck_assert_ptr_eq(fl_dt_label(&dt, "uart0"), uart);
	ck_assert_ptr_eq(fl_dt_label(&dt, "serial"), uart);
	ck_assert_ptr_eq(fl_dt_label(&dt, "flash0"), flash);
	ck_assert_ptr_eq(fl_dt_label(&dt, "slot0_partition"), slot0);
	ck_assert_ptr_eq(fl_dt_label(&dt, "boot_partition"), boot);
	ck_assert_ptr_eq(fl_dt_label(&dt, "sram0"), sram);
	ck_assert_ptr_null(fl_dt_label(&dt, "lbl"));
	ck_assert_ptr_null(fl_dt_label(&dt, "end"));
	ck_assert_ptr_null(fl_dt_label(&dt, "nope"));
	ck_assert_uint_eq(slot0->pos.line, 66);
	ck_assert_uint_eq(slot0->pos.col, 6);
	ck_assert_uint_eq(flash->pos.line, 53);
	ck_assert_uint_eq(flash->pos.col, 4);

	/* Paths: exact, unit addresses left out when unambiguous, aliases. */
	ck_assert_ptr_eq(fl_dt_path(&dt, "/"), dt.root);
	ck_assert_ptr_eq(fl_dt_path(&dt, "/soc/uart"), uart);
	ck_assert_ptr_eq(fl_dt_path(&dt, "/soc/memory"), sram);
	ck_assert_ptr_eq(fl_dt_path(&dt, "/soc/flash-controller/flash/partitions/partition@0"), boot);
	ck_assert_ptr_null(fl_dt_path(&dt, "/soc/flash-controller/flash/partitions/partition"));
	ck_assert_ptr_null(fl_dt_path(&dt, "/soc/uart@2000"));
	ck_assert_ptr_null(fl_dt_path(&dt, "/soc/uar"));
	ck_assert_ptr_null(fl_dt_path(&dt, "/nope"));
	ck_assert_ptr_eq(fl_dt_path(&dt, "/soc/uart@1000/"), uart);
	ck_assert_ptr_eq(fl_dt_path(&dt, "serial0"), uart);
	ck_assert_ptr_eq(fl_dt_path(&dt, "flash-alias"), flash);
	ck_assert_ptr_eq(fl_dt_path(&dt, "flash-alias/partitions/partition@c000"), slot0);
	ck_assert_ptr_null(fl_dt_path(&dt, "nope"));
	ck_assert_ptr_null(fl_dt_path(&dt, ""));
	ck_assert_ptr_null(fl_dt_path(&dt, NULL));

	ck_assert_ptr_eq(fl_dt_resolve(&dt, "flash0"), flash);
	ck_assert_ptr_eq(fl_dt_resolve(&dt, "&flash0"), flash);
	ck_assert_ptr_eq(fl_dt_resolve(&dt, "&{/soc/uart@1000}"), uart);
	ck_assert_ptr_eq(fl_dt_resolve(&dt, "/soc/uart"), uart);
	ck_assert_ptr_null(fl_dt_resolve(&dt, "&"));
	ck_assert_ptr_null(fl_dt_resolve(&dt, NULL));

	/* chosen: &ref, path string, alias string with options, <&ref>, {/path}. */
	const struct fl_dt_prop *cp = NULL;
	ck_assert_ptr_eq(fl_dt_chosen(&dt, "zephyr,flash", &cp), flash);
	ck_assert_ptr_nonnull(cp);
	ck_assert_str_eq(cp->name, "zephyr,flash");
	ck_assert_uint_eq(cp->pos.line, 11);
	ck_assert_uint_eq(cp->pos.col, 3);
	ck_assert_ptr_eq(fl_dt_chosen(&dt, "zephyr,console", NULL), uart);
	ck_assert_ptr_eq(fl_dt_chosen(&dt, "zephyr,shell-uart", NULL), uart);
	ck_assert_ptr_eq(fl_dt_chosen(&dt, "zephyr,sram", NULL), sram);
	ck_assert_ptr_eq(fl_dt_chosen(&dt, "zephyr,code-partition", NULL), slot0);
	ck_assert_ptr_null(fl_dt_chosen(&dt, "zephyr,bad", &cp));
	ck_assert_ptr_nonnull(cp);
	ck_assert_ptr_null(fl_dt_chosen(&dt, "zephyr,absent", &cp));
	ck_assert_ptr_null(cp);

	ck_assert_uint_eq(u64(flash, "erase-block-size"), 4096);
	ck_assert_uint_eq(u64(flash, "write-block-size"), 4);
	uint64_t a = 0, s = 0;
	ck_assert(fl_dt_reg(slot0, 0, &a, &s));
	ck_assert_uint_eq(a, 0xc000);
	ck_assert_uint_eq(s, 0x74000);
	ck_assert(!fl_dt_reg(slot0, 1, &a, &s));
	ck_assert(fl_dt_reg(flash, 0, &a, &s));
	ck_assert_uint_eq(a, 0);
	ck_assert_uint_eq(s, 0x100000);
	ck_assert_str_eq(fl_dt_prop_str(prop(slot0, "label"), 0), "image-0");
}
END_TEST

START_TEST(test_merge_and_delete)
{
	struct fl_dt dt = { 0 };
	read_ok(&dt, DATA "merge.dts");

	struct fl_dt_node *a = fl_dt_label(&dt, "node_a");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->path, "/a@100");
	ck_assert_uint_eq(a->pos.line, 4);
	ck_assert_uint_eq(a->pos.col, 2);
	ck_assert_ptr_eq(fl_dt_label(&dt, "second"), a);
	ck_assert_ptr_eq(fl_dt_label(&dt, "third"), a);
	ck_assert_uint_eq(a->labels.n, 3);
	ck_assert_str_eq(a->labels.v[0], "node_a");
	ck_assert_str_eq(a->labels.v[1], "second");
	ck_assert_str_eq(a->labels.v[2], "third");

	/* Properties: replaced in place, deleted, restored in place, added. */
	const char *names[] = { "x", "y", "back", "z" };
	ck_assert_uint_eq(a->props.n, 4);
	for (size_t i = 0; i < 4; i++)
		ck_assert_str_eq(a->props.v[i].name, names[i]);
	ck_assert_uint_eq(u64(a, "x"), 2);
	ck_assert_uint_eq(prop(a, "x")->pos.line, 24);
	ck_assert_uint_eq(prop(a, "x")->pos.col, 3);
	ck_assert_str_eq(fl_dt_prop_str(prop(a, "y"), 0), "keep");
	ck_assert_ptr_null(fl_dt_prop(a, "gone"));
	ck_assert_uint_eq(u64(a, "back"), 9);
	ck_assert_uint_eq(prop(a, "back")->pos.line, 39);
	ck_assert_uint_eq(u64(a, "z"), 3);

	ck_assert_uint_eq(a->children.n, 2);
	ck_assert_str_eq(a->children.v[0]->name, "child");
	ck_assert_str_eq(a->children.v[1]->name, "added");
	ck_assert_uint_eq(a->children.v[1]->pos.line, 30);
	ck_assert_ptr_null(fl_dt_path(&dt, "/a@100/doomed"));

	struct fl_dt_node *b = path(&dt, "/b");
	ck_assert_uint_eq(u64(b, "w"), 4);
	ck_assert_uint_eq(b->pos.line, 33);

	ck_assert_ptr_null(fl_dt_label(&dt, "old"));
	ck_assert_ptr_null(fl_dt_path(&dt, "/removed"));
	ck_assert_ptr_eq(fl_dt_label(&dt, "inner"), path(&dt, "/reborn"));
	ck_assert_ptr_eq(fl_dt_label(&dt, "deep"), path(&dt, "/doomed"));
	ck_assert_uint_eq(fl_dt_label(&dt, "deep")->pos.line, 51);
	path(&dt, "/kept");

	const char *kids[] = { "a@100", "b", "reborn", "doomed", "kept" };
	ck_assert_uint_eq(dt.root->children.n, 5);
	for (size_t i = 0; i < 5; i++)
		ck_assert_str_eq(dt.root->children.v[i]->name, kids[i]);
	ck_assert_uint_eq(dt.labels_.n, 5);
}
END_TEST

START_TEST(test_reg)
{
	struct fl_dt dt = { 0 };
	read_ok(&dt, DATA "reg.dts");
	uint64_t a = 0, s = 0;

	struct fl_dt_node *big = path(&dt, "/big@100000000");
	ck_assert_uint_eq(fl_dt_address_cells(big), 2);
	ck_assert_uint_eq(fl_dt_size_cells(big), 2);
	ck_assert(fl_dt_reg(big, 0, &a, &s));
	ck_assert_uint_eq(a, 0x100000000);
	ck_assert_uint_eq(s, 0x20000000);
	ck_assert(fl_dt_reg(big, 1, &a, &s));
	ck_assert_uint_eq(a, 0x200000010);
	ck_assert_uint_eq(s, 0x1000);
	ck_assert(!fl_dt_reg(big, 2, &a, &s));
	ck_assert(fl_dt_reg_by_name(big, "b", &a, &s));
	ck_assert_uint_eq(a, 0x200000010);
	ck_assert(!fl_dt_reg_by_name(big, "c", &a, &s));
	ck_assert(fl_dt_okay(big));

	struct fl_dt_node *dev = path(&dt, "/bus1/dev@5");
	ck_assert_uint_eq(fl_dt_address_cells(dev), 1);
	ck_assert_uint_eq(fl_dt_size_cells(dev), 0);
	s = 77;
	ck_assert(fl_dt_reg(dev, 0, &a, &s));
	ck_assert_uint_eq(a, 5);
	ck_assert_uint_eq(s, 0);
	ck_assert(fl_dt_reg(dev, 1, &a, &s));
	ck_assert_uint_eq(a, 6);
	ck_assert(!fl_dt_reg(dev, 2, &a, &s));
	ck_assert(!fl_dt_reg_by_name(dev, "a", &a, &s));

	struct fl_dt_node *ctl = path(&dt, "/bus2/ctl@1000");
	ck_assert(fl_dt_reg_by_name(ctl, "mem", &a, &s));
	ck_assert_uint_eq(a, 0x2000);
	ck_assert_uint_eq(s, 0x200);
	ck_assert(fl_dt_reg_by_name(ctl, "ctl", &a, &s));
	ck_assert_uint_eq(a, 0x1000);
	ck_assert_uint_eq(s, 0x100);
	ck_assert(fl_dt_okay(ctl));
	ck_assert(!fl_dt_reg(path(&dt, "/bus2/bits@0"), 0, &a, &s));
	ck_assert(!fl_dt_reg(path(&dt, "/bus2/refs@0"), 0, &a, &s));
	/* A unit address left out: bits@0 and refs@0 differ in name, so each is unique. */
	ck_assert_ptr_eq(fl_dt_path(&dt, "/bus2/ctl"), ctl);

	struct fl_dt_node *m = path(&dt, "/bus3/m@8000");
	ck_assert(fl_dt_reg(m, 0, &a, &s));
	ck_assert_uint_eq(a, 0x8000);
	ck_assert_uint_eq(s, 0x100);
	ck_assert(!fl_dt_okay(m));

	struct fl_dt_node *n = path(&dt, "/bus4/n@40");
	ck_assert(fl_dt_reg(n, 0, &a, &s));
	ck_assert_uint_eq(a, 0x40);
	ck_assert_uint_eq(s, 0x100000000);
	ck_assert(!fl_dt_okay(n));

	struct fl_dt_node *d = path(&dt, "/bus5/d@0");
	ck_assert_uint_eq(fl_dt_address_cells(d), 2);
	ck_assert_uint_eq(fl_dt_size_cells(d), 1);
	ck_assert(fl_dt_reg(d, 0, &a, &s));
	ck_assert_uint_eq(a, 0x100);
	ck_assert_uint_eq(s, 0x20);
	ck_assert(!fl_dt_okay(d)); /* status is not a string */

	struct fl_dt_node *x = path(&dt, "/bus6/x@0");
	ck_assert_uint_eq(fl_dt_address_cells(x), 3);
	ck_assert(!fl_dt_reg(x, 0, &a, &s));

	ck_assert_uint_eq(fl_dt_address_cells(dt.root), 2);
	ck_assert_uint_eq(fl_dt_size_cells(dt.root), 1);
	ck_assert(!fl_dt_reg(dt.root, 0, &a, &s));
	ck_assert(!fl_dt_okay(NULL));
}
END_TEST

static int parse_str(struct fl_dt *dt, const char *s, size_t len)
{
	return fl_dts_parse(&run, dt, "mem.dts", s, len);
}

START_TEST(test_plugin_and_forward_refs)
{
	/* References may come before the label they name; an overlay's references
	 * are fixups for later. */
	static const char fwd[] = "/dts-v1/;\n/ {\n\tx = <&later>, &{/later};\n\tlater: later { };\n};\n";
	struct fl_dt dt = { 0 };
	ck_assert_int_eq(parse_str(&dt, fwd, sizeof(fwd) - 1), 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_ptr_eq(fl_dt_resolve(&dt, fl_dt_prop(dt.root, "x")->val.v[0].u.cells[0].ref),
			 path(&dt, "/later"));

	static const char plugin[] = "/dts-v1/;\n/plugin/;\n/ {\n\tx = <&elsewhere>;\n};\n";
	ck_assert_int_eq(parse_str(&dt, plugin, sizeof(plugin) - 1), 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_ptr_null(fl_dt_resolve(&dt, "elsewhere"));

	/* CRLF line ends, a /memreserve/ with a label, nothing after the last "};". */
	static const char crlf[] = "/dts-v1/;\r\nm: /memreserve/ 0 (1 << 12);\r\n/ {\r\n\ta = <1>;\r\n};";
	ck_assert_int_eq(parse_str(&dt, crlf, sizeof(crlf) - 1), 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_uint_eq(fl_dt_prop(dt.root, "a")->pos.line, 4);
	ck_assert_uint_eq(fl_dt_prop(dt.root, "a")->pos.col, 2);
}
END_TEST

START_TEST(test_zeroed)
{
	struct fl_dt dt = { 0 };
	uint64_t a = 7, s = 7;
	const struct fl_dt_prop *p = (const void *)&dt;
	ck_assert_ptr_null(fl_dt_label(&dt, "x"));
	ck_assert_ptr_null(fl_dt_label(NULL, "x"));
	ck_assert_ptr_null(fl_dt_path(&dt, "/"));
	ck_assert_ptr_null(fl_dt_path(NULL, "/"));
	ck_assert_ptr_null(fl_dt_resolve(&dt, "x"));
	ck_assert_ptr_null(fl_dt_chosen(&dt, "zephyr,flash", &p));
	ck_assert_ptr_null(p);
	ck_assert_ptr_null(fl_dt_chosen(NULL, "zephyr,flash", NULL));
	ck_assert_ptr_null(fl_dt_prop(NULL, "reg"));
	ck_assert(!fl_dt_prop_cell(NULL, 0, &a));
	ck_assert(!fl_dt_prop_u64(NULL, "reg", &a));
	ck_assert_ptr_null(fl_dt_prop_str(NULL, 0));
	ck_assert(!fl_dt_compatible(NULL, "x"));
	ck_assert_uint_eq(fl_dt_address_cells(NULL), 2);
	ck_assert_uint_eq(fl_dt_size_cells(NULL), 1);
	ck_assert(!fl_dt_reg(NULL, 0, &a, &s));
	ck_assert(!fl_dt_reg_by_name(NULL, "x", &a, &s));
	ck_assert_ptr_null(fl_dt_node_label(NULL));
	ck_assert_uint_eq(a, 7);
	ck_assert_uint_eq(s, 7);

	/* A tree built by hand, without the reader's label index. */
	struct fl_dt_node root = { .name = "/", .path = "/" }, kid = { .name = "k@1", .path = "/k@1" };
	const char *lab = "kl";
	struct fl_dt_node *kp = &kid;
	kid.parent = &root;
	kid.labels.v = &lab;
	kid.labels.n = 1;
	root.children.v = &kp;
	root.children.n = 1;
	dt.root = &root;
	ck_assert_ptr_eq(fl_dt_label(&dt, "kl"), &kid);
	ck_assert_ptr_eq(fl_dt_path(&dt, "/k"), &kid);
	ck_assert(fl_dt_okay(&kid));
}
END_TEST

/* ---- malformed input: exactly one INP001, at the place that is wrong -------------- */

struct bad_case {
	const char *text;
	size_t len;
	uint32_t line, col;
	const char *msg;
};

#define BAD(text, line, col, msg) { text, sizeof(text) - 1, line, col, msg }

static const struct bad_case bad_cases[] = {
	BAD("/dts-v1/;\n/ {\n\tfoo {\n\t\tx = <1>;\n", 3, 2,
	    "node '/foo' is not closed: expected '}' before the end of the file"),
	BAD("/dts-v1/;\n/ {\n", 2, 1,
	    "node '/' is not closed: expected '}' before the end of the file"),
	BAD("/dts-v1/;\n/ {\n\tx = \"abc;\n};\n", 3, 6,
	    "unterminated string: expected a closing '\"'"),
	BAD("/dts-v1/;\n/* abc\n/ { };\n", 2, 1,
	    "unterminated comment: expected '*/' before the end of the file"),
	BAD("/dts-v1/;\n/ {\n\tx = <1>;\n\t$;\n};\n", 4, 2,
	    "unexpected '$': expected a property, a child node or '}'"),
	BAD("/dts-v1/;\n/ {\n};\n};\n", 4, 1,
	    "unexpected '}' at the top level: expected a node ('/ { ... };' or '&label { ... };')"),
	BAD("/dts-v1/;\n/ {\n\tx = <1>\n\ty = <2>;\n};\n", 4, 2,
	    "expected ';' or ',' after the value of 'x', found 'y'"),
	BAD("/dts-v1/;\n/ {\n\ta { }\n\tb { };\n};\n", 4, 2,
	    "expected ';' after the '}' of node '/a', found 'b'"),
	BAD("/dts-v1/;\n/ {\n}", 3, 2,
	    "expected ';' after the '}' of node '/', found the end of the file"),
	BAD("/dts-v1/;\n/ {\n\tx y;\n};\n", 3, 4, "expected '{', '=' or ';' after 'x', found 'y'"),
	BAD("/dts-v1/;\n/ {\n\tx = <&nope 1>;\n};\n", 3, 7, "reference to unknown label '&nope'"),
	BAD("/dts-v1/;\n/ {\n\tx = &{/nowhere};\n};\n", 3, 6,
	    "reference to unknown node '&{/nowhere}'"),
	BAD("/dts-v1/;\n/ {\n\tx = &{/a};\n\ta@1 { };\n};\n", 3, 6,
	    "reference to unknown node '&{/a}'"),
	BAD("/dts-v1/;\n/ { };\n&nope { };\n", 3, 1, "reference to unknown label '&nope'"),
	BAD("/dts-v1/;\n/ { };\n/delete-node/ &nope;\n", 3, 15, "reference to unknown label '&nope'"),
	BAD("/dts-v1/;\n/ { };\n/delete-node/ &{/};\n", 3, 15,
	    "/delete-node/ of the root node: expected a node below '/'"),
	BAD("/dts-v1/;\n/ { a: x { }; };\n/delete-node/ &a;\n/ { y = <&a>; };\n", 4, 10,
	    "reference to unknown label '&a'"),
	BAD("/dts-v1/;\n/ {\n\tx = <1 2", 3, 10,
	    "unexpected end of file: expected '>' closing the cells opened on line 3"),
	BAD("/dts-v1/;\n/ {\n\tx = [00", 3, 9,
	    "unexpected end of file: expected ']' closing the bytes opened on line 3"),
	BAD("/dts-v1/;\n/ {\n\tx =", 3, 5,
	    "expected a value of 'x' (\"string\", <cells>, [bytes] or &reference), found the end of the file"),
	BAD("/dts-v1/;\n/ {\n\tx\0 = <1>;\n};\n", 3, 3, "NUL byte: expected devicetree source text"),
	BAD("/dts-v1/;\n/ {\n\tx = \"a\0b\";\n};\n", 3, 8,
	    "NUL byte in a string: expected text or a closing '\"'"),
	BAD("/dts-v1/;\n/ {\n\tx = \"a\\\0b\";\n};\n", 3, 9,
	    "NUL byte in a string: expected text or a closing '\"'"),
	BAD("/dts-v1/;\n/* a\0 */\n/ { };\n", 2, 5,
	    "NUL byte in a comment: expected devicetree source text"),
	BAD("/dts-v1/;\n/ {\n\tx = <'\0'>;\n};\n", 3, 8,
	    "NUL byte in a character literal: expected a character"),
	BAD("/dts-v1/;\n/ {\n\tx = <0x10000000000000000>;\n};\n", 3, 7,
	    "number '0x10000000000000000' does not fit in 64 bits"),
	BAD("/dts-v1/;\n/ {\n\tx = <18446744073709551616>;\n};\n", 3, 7,
	    "number '18446744073709551616' does not fit in 64 bits"),
	BAD("/dts-v1/;\n/ {\n\tx = <1 0x100000000>;\n};\n", 3, 9,
	    "value 0x100000000 does not fit in 32-bit cells"),
	BAD("/dts-v1/;\n/ {\n\tx = /bits/ 8 <256>;\n};\n", 3, 16,
	    "value 0x100 does not fit in 8-bit cells"),
	BAD("/dts-v1/;\n/ {\n\tx = /bits/ 12 <1>;\n};\n", 3, 13,
	    "/bits/ 12: expected 8, 16, 32 or 64"),
	BAD("/dts-v1/;\n/ {\n\tx = /bits/ 16 \"a\";\n};\n", 3, 16,
	    "expected '<' after /bits/ 16, found a string"),
	BAD("/dts-v1/;\n/ {\n\tx = /bits/ 8 <&a>;\n\ta: a { };\n};\n", 3, 16,
	    "a reference in 8-bit cells: references are 32-bit cells"),
	BAD("/dts-v1/;\n/ {\n\tx = <0x>;\n};\n", 3, 7,
	    "invalid number '0x': expected decimal, 0x hex or 0 octal digits"),
	BAD("/dts-v1/;\n/ {\n\tx = <08>;\n};\n", 3, 7,
	    "invalid number '08': expected decimal, 0x hex or 0 octal digits"),
	BAD("/dts-v1/;\n/ {\n\tx = <12abc>;\n};\n", 3, 7,
	    "invalid number '12abc': expected decimal, 0x hex or 0 octal digits"),
	BAD("/dts-v1/;\n/ {\n\tx = <1 foo>;\n};\n", 3, 9,
	    "expected a number, '&reference', '(' or '>' in the cells, found 'foo'"),
	BAD("/dts-v1/;\n/ {\n\tx = <(1 / 0)>;\n};\n", 3, 10, "division by zero in an expression"),
	BAD("/dts-v1/;\n/ {\n\tx = <(7 % (1 - 1))>;\n};\n", 3, 10,
	    "division by zero in an expression"),
	BAD("/dts-v1/;\n/ {\n\tx = <(1 2)>;\n};\n", 3, 10,
	    "expected ')' closing the expression, found '2'"),
	BAD("/dts-v1/;\n/ {\n\tx = <(1 ? 2 3)>;\n};\n", 3, 14,
	    "expected ':' of the conditional expression, found '3'"),
	BAD("/dts-v1/;\n/ {\n\tx = <(1 + )>;\n};\n", 3, 12,
	    "expected a number, a character literal or '(', found ')'"),
	BAD("/dts-v1/;\n/ {\n\tx = [001];\n};\n", 3, 9,
	    "single hex digit '1' in the bytes: expected two hex digits per byte"),
	BAD("/dts-v1/;\n/ {\n\tx = [00 zz];\n};\n", 3, 10,
	    "expected two hex digits or ']' in the bytes, found 'zz'"),
	BAD("/dts-v1/;\n/ {\n\ta: x { };\n\ta: y { };\n};\n", 4, 2,
	    "duplicate label 'a': already on node '/x' (line 3)"),
	BAD("/dts-v1/;\n/ {\n\tx = <''>;\n};\n", 3, 7,
	    "empty character literal: expected one character between the quotes"),
	BAD("/dts-v1/;\n/ {\n\tx = <'ab'>;\n};\n", 3, 7,
	    "unterminated character literal: expected a closing ''' after one character"),
	BAD("/dts-v1/;\n/ {\n\tx = <'a\n>;\n};\n", 3, 7,
	    "unterminated character literal: expected a closing ''' after one character"),
	BAD("/dts-v1/;\n/ {\n\tx = <&1abc>;\n};\n", 3, 7,
	    "expected a label or '{/path}' after '&', found '1abc'"),
	BAD("/dts-v1/;\n/ {\n\tx = &{soc};\n};\n", 3, 6, "expected an absolute path in '&{/path}'"),
	BAD("/dts-v1/;\n/ {\n\tx = &{/soc;\n};\n", 3, 12,
	    "expected '}' closing the path reference, found ';'"),
	BAD("/dts-v1/;\n/include/ \"x.dtsi\"\n/ { };\n", 2, 1,
	    "/include/ is not supported: expected a preprocessed devicetree (zephyr/zephyr.dts as the build writes it)"),
	BAD("/dts-v1/;\n#include <foo.h>\n/ { };\n", 2, 1,
	    "preprocessor line '#include': expected a preprocessed devicetree (zephyr/zephyr.dts as the build writes it)"),
	BAD("/dts-v1/;\n/ {\n#define X 1\n};\n", 3, 1,
	    "preprocessor line '#define': expected a preprocessed devicetree (zephyr/zephyr.dts as the build writes it)"),
	BAD("/dts-v1/;\n# 1 \"board.dts\"\n/ { };\n", 2, 1,
	    "preprocessor line '#': expected a preprocessed devicetree (zephyr/zephyr.dts as the build writes it)"),
	BAD("/ { };\n", 1, 1, "expected '/dts-v1/;' at the start of the file, found '/'"),
	BAD("  \n\n", 3, 1, "expected '/dts-v1/;' at the start of the file, found the end of the file"),
	BAD("\x7f" "ELF\1\1", 1, 1, "expected '/dts-v1/;' at the start of the file, found byte 0x7f"),
	BAD("/dts-v1/", 1, 9, "expected ';' after /dts-v1/, found the end of the file"),
	BAD("/dts-v1/;\n", 2, 1, "no root node: expected '/ { ... };'"),
	BAD("/dts-v1/;\n/foo/;\n", 2, 1,
	    "unknown directive '/foo/' at the top level: expected a node ('/ { ... };' or '&label { ... };')"),
	BAD("/dts-v1/;\n/ {\n\t/bits/ 8;\n};\n", 3, 2,
	    "unexpected '/bits/' in a node: expected a property, a child node, /delete-node/ or /delete-property/"),
	BAD("/dts-v1/;\n/ {\n\t/delete-node/ ;\n};\n", 3, 16,
	    "expected a node name after '/delete-node/', found ';'"),
	BAD("/dts-v1/;\n/ { };\nlbl: / { };\n", 3, 6,
	    "expected '&label' or '&{/path}' after the labels, found '/'"),
	BAD("/dts-v1/;\nfoo { };\n", 2, 1,
	    "unexpected 'foo' at the top level: expected a node ('/ { ... };' or '&label { ... };')"),
	BAD("/dts-v1/;\n/ {\n\tx = <1>, ;\n};\n", 3, 11,
	    "expected a value of 'x' (\"string\", <cells>, [bytes] or &reference), found ';'"),
};

START_TEST(test_bad)
{
	const struct bad_case *c = &bad_cases[_i];
	struct fl_dt dt = { 0 };
	ck_assert_int_eq(parse_str(&dt, c->text, c->len), -FL_EFORMAT);
	ck_assert_msg(count_inp() == 1, "case %d: %zu INP001", _i, count_inp());
	ck_assert(run.input_failed);
	const struct fl_diag *d = run.diags.v.v[0];
	ck_assert_str_eq(d->msg, c->msg);
	ck_assert_msg(d->pos.line == c->line && d->pos.col == c->col, "case %d: at %u:%u, not %u:%u",
		      _i, d->pos.line, d->pos.col, c->line, c->col);
	ck_assert_str_eq(d->pos.file, "mem.dts");
}
END_TEST

START_TEST(test_empty_and_missing)
{
	struct fl_dt dt = { 0 };
	const char *empty = fl_test_write_temp(&run, "dts", "", 0);
	ck_assert_int_eq(fl_dts_read(&run, &dt, empty), -FL_EFORMAT);
	unlink(empty);
	ck_assert_uint_eq(count_inp(), 1);
	const struct fl_diag *d = fl_test_inp_at(&run, 1, 0);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->pos.col, 0);
	ck_assert_str_eq(d->msg, "empty devicetree: expected '/dts-v1/;' and a root node");
	ck_assert_ptr_null(dt.root);

	ck_assert_int_eq(fl_dts_read(&run, &dt, DATA "does-not-exist.dts"), -FL_EIO);
	ck_assert_uint_eq(count_inp(), 2);
	d = fl_test_inp_at(&run, 0, 0);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "cannot read the devicetree: No such file or directory");
	ck_assert_str_eq(dt.path, DATA "does-not-exist.dts");
	ck_assert_ptr_null(dt.root);
	ck_assert_ptr_null(fl_dt_path(&dt, "/"));
}
END_TEST

START_TEST(test_partial_tree_after_error)
{
	/* What was read before the error stays usable. */
	static const char text[] = "/dts-v1/;\n/ {\n\tl: a { x = <1>; };\n\tb { y = <2> };\n};\n";
	struct fl_dt dt = { 0 };
	ck_assert_int_eq(parse_str(&dt, text, sizeof(text) - 1), -FL_EFORMAT);
	ck_assert_uint_eq(count_inp(), 1);
	ck_assert_ptr_nonnull(fl_test_inp_at(&run, 4, 14));
	ck_assert_ptr_eq(fl_dt_label(&dt, "l"), path(&dt, "/a"));
	ck_assert_uint_eq(u64(path(&dt, "/a"), "x"), 1);
	ck_assert_ptr_null(fl_dt_prop(path(&dt, "/b"), "y"));
}
END_TEST

/* ---- bounds ---------------------------------------------------------------------- */

/* "/dts-v1/;\n/ {\n" + levels of "<name> {\n" + closers; each node on its own line. */
static char *nested(size_t levels, size_t name_len, size_t *len)
{
	size_t cap = 64 + levels * (name_len + 8);
	char *s = malloc(cap), *o = s;
	ck_assert_ptr_nonnull(s);
	o += sprintf(o, "/dts-v1/;\n/ {\n");
	for (size_t i = 0; i < levels; i++) {
		memset(o, 'n', name_len);
		o += name_len;
		o += sprintf(o, " {\n");
	}
	for (size_t i = 0; i <= levels; i++)
		o += sprintf(o, "};\n");
	*len = (size_t)(o - s);
	return s;
}

START_TEST(test_depth)
{
	size_t len;
	char *s = nested(256, 1, &len);
	struct fl_dt dt = { 0 };
	ck_assert_int_eq(parse_str(&dt, s, len), 0);
	ck_assert_uint_eq(count_inp(), 0);
	const struct fl_dt_node *n = dt.root;
	size_t depth = 0;
	for (; n->children.n; n = n->children.v[0])
		depth++;
	ck_assert_uint_eq(depth, 256);
	ck_assert_uint_eq(strlen(n->path), 512);
	ck_assert_uint_eq(n->pos.line, 258);
	free(s);

	s = nested(100000, 1, &len);
	ck_assert_int_eq(parse_str(&dt, s, len), -FL_EFORMAT);
	free(s);
	ck_assert_uint_eq(count_inp(), 1);
	const struct fl_diag *d = fl_test_inp_at(&run, 259, 1);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "node 'n' is nested deeper than 256 levels");

	/* Parentheses: 256 levels are read, 257 are not. */
	char expr[700];
	int o = sprintf(expr, "/dts-v1/;\n/ {\n\tx = <");
	memset(expr + o, '(', 256);
	memset(expr + o + 257, ')', 256);
	expr[o + 256] = '1';
	o += 513;
	o += sprintf(expr + o, ">;\n};\n");
	ck_assert_int_eq(parse_str(&dt, expr, (size_t)o), 0);
	ck_assert_uint_eq(cell(fl_dt_prop(dt.root, "x"), 0), 1);
	o = sprintf(expr, "/dts-v1/;\n/ {\n\tx = <");
	memset(expr + o, '-', 300);
	o += 300;
	o += sprintf(expr + o, "1>;\n};\n");
	ck_assert_int_eq(parse_str(&dt, expr, (size_t)o), -FL_EFORMAT);
	ck_assert_uint_eq(count_inp(), 2);
	d = fl_test_inp_at(&run, 3, 7 + 256);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "expression nested deeper than 256 levels");
}
END_TEST

START_TEST(test_long_path)
{
	size_t len;
	char *s = nested(10, 100, &len);
	struct fl_dt dt = { 0 };
	ck_assert_int_eq(parse_str(&dt, s, len), 0);
	free(s);
	s = nested(11, 100, &len);
	ck_assert_int_eq(parse_str(&dt, s, len), -FL_EFORMAT);
	free(s);
	ck_assert_uint_eq(count_inp(), 1);
	const struct fl_diag *d = fl_test_inp_at(&run, 13, 1);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "node 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn' has a path longer than 1024 bytes");
}
END_TEST

START_TEST(test_many_nodes)
{
	/* 60000 labelled siblings defined, extended by a second root and by &label,
	 * some deleted: every look-up is hashed, so this stays linear. */
	enum { N = 60000 };
	size_t cap = (size_t)N * 120 + 4096, len = 0;
	char *s = malloc(cap);
	ck_assert_ptr_nonnull(s);
	len += (size_t)sprintf(s + len, "/dts-v1/;\n/ {\n\trefs = <&n0 &n%d>;\n", N - 1);
	for (int i = 0; i < N; i++)
		len += (size_t)sprintf(s + len, "\tn%d: node@%x { reg = <%d>; a = <1>; };\n", i, i, i);
	len += (size_t)sprintf(s + len, "};\n/ {\n");
	for (int i = 0; i < N; i++)
		len += (size_t)sprintf(s + len, "\tnode@%x { a = <2>; b; };\n", i);
	len += (size_t)sprintf(s + len, "};\n");
	for (int i = 0; i < N; i += 3)
		len += (size_t)sprintf(s + len, "/delete-node/ &n%d;\n", i + 1);
	ck_assert_uint_lt(len, cap);
	struct fl_dt dt = { 0 };
	ck_assert_int_eq(parse_str(&dt, s, len), 0);
	free(s);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_uint_eq(dt.root->children.n, N - N / 3);
	ck_assert_uint_eq(dt.labels_.n, N - N / 3);
	struct fl_dt_node *n = fl_dt_label(&dt, "n12345");
	ck_assert_ptr_nonnull(n);
	ck_assert_str_eq(n->path, "/node@3039");
	ck_assert_uint_eq(n->props.n, 3);
	ck_assert_uint_eq(u64(n, "reg"), 12345);
	ck_assert_uint_eq(u64(n, "a"), 2);
	ck_assert_uint_eq(n->pos.line, 4 + 12345);
	ck_assert_ptr_null(fl_dt_label(&dt, "n12346"));
	ck_assert_ptr_eq(fl_dt_path(&dt, "/node@ea5f"), fl_dt_label(&dt, "n59999"));
}
END_TEST

/* ---- the real corpus ---------------------------------------------------------------- */

static size_t count_nodes(const struct fl_dt_node *n)
{
	size_t k = 1;
	fl_dt_for_each_child(n, c)
		k += count_nodes(*c);
	return k;
}

/* Nodes and labels as the text shows them: dtlib writes every node once, its
 * labels and name on one line ending in '{'. */
static void count_text(const char *file, size_t *nodes, size_t *labels)
{
	FILE *f = fopen(file, "r");
	ck_assert_ptr_nonnull(f);
	char line[8192];
	*nodes = *labels = 0;
	while (fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, "\r\n");
		while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		if (!n || line[n - 1] != '{')
			continue;
		(*nodes)++;
		for (const char *p = line + strspn(line, "\t ");;) {
			size_t k = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
			if (!k || p[k] != ':')
				break;
			(*labels)++;
			p += k + 1;
			p += strspn(p, " ");
		}
	}
	fclose(f);
}

static void corpus_walk(const char *dir, int depth, size_t *files, size_t *unchosen)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char *p = fl_printf(run.arena, "%s/%s", dir, de->d_name);
		if (!strcmp(de->d_name, "zephyr.dts") && fl_is_file(p)) {
			struct fl_dt dt = { 0 };
			size_t before = count_inp();
			ck_assert_msg(fl_dts_read(&run, &dt, p) == 0, "%s", p);
			ck_assert_msg(count_inp() == before, "INP001 in %s", p);
			size_t nodes, labels;
			count_text(p, &nodes, &labels);
			ck_assert_msg(count_nodes(dt.root) == nodes, "%s: %zu nodes, text has %zu", p,
				      count_nodes(dt.root), nodes);
			ck_assert_msg(dt.labels_.n == labels, "%s: %zu labels, text has %zu", p,
				      dt.labels_.n, labels);
			/* The chosen zephyr,flash gives imgtool's --align as its
			 * write-block-size. Real builds lack either: i.MX RT boards of
			 * Zephyr 2.7 choose no flash (they boot from a FlexSPI HyperFlash),
			 * and MEC15xx's flash0 is code SRAM, without a write-block-size. */
			struct fl_dt_node *flash = fl_dt_chosen(&dt, "zephyr,flash", NULL);
			uint64_t wbs;
			if (!flash) {
				printf("check_dts: %s chooses no zephyr,flash\n", p);
				(*unchosen)++;
			} else if (!fl_dt_prop_u64(flash, "write-block-size", &wbs)) {
				printf("check_dts: %s: zephyr,flash has no write-block-size\n", p);
				(*unchosen)++;
			} else {
				ck_assert_msg(wbs >= 1 && wbs <= 32, "%s: write-block-size %" PRIu64,
					      p, wbs);
			}
			(*files)++;
		} else if (depth < 6 && fl_is_dir(p)) {
			corpus_walk(p, depth + 1, files, unchosen);
		}
	}
	closedir(d);
}

START_TEST(test_corpus_all)
{
	if (!fl_is_dir(CORPUS)) {
		printf("check_dts: %s not found, corpus test skipped\n", CORPUS);
		return;
	}
	size_t files = 0, unchosen = 0;
	corpus_walk(CORPUS, 0, &files, &unchosen);
	printf("check_dts: %zu corpus zephyr.dts files read\n", files);
	ck_assert_uint_ge(files, 53);
	/* mimxrt1050_evk_hyperflash_zephyr27 and mec1501_evb_sramcode. */
	ck_assert_uint_eq(unchosen, 2);
}
END_TEST

static bool corpus_read(struct fl_dt *dt, const char *rel)
{
	const char *p = fl_printf(run.arena, "%s/%s", CORPUS, rel);
	if (!fl_is_file(p)) {
		printf("check_dts: %s not found, skipped\n", p);
		return false;
	}
	read_ok(dt, p);
	return true;
}

START_TEST(test_corpus_nrf5340_zephyr41)
{
	struct fl_dt dt = { 0 };
	if (!corpus_read(&dt, "zephyr41_nrf5340_xip_reloc_nomcuboot/build/zephyr/zephyr.dts"))
		return;
	uint64_t a = 0, s = 0;
	const struct fl_dt_prop *cp;
	struct fl_dt_node *flash = fl_dt_chosen(&dt, "zephyr,flash", &cp);
	ck_assert_ptr_nonnull(flash);
	ck_assert_uint_eq(cp->pos.line, 21);
	ck_assert_str_eq(flash->path, "/soc/peripheral@50000000/flash-controller@39000/flash@0");
	ck_assert_str_eq(flash->name, "flash@0");
	ck_assert_str_eq(fl_dt_node_label(flash), "flash0");
	ck_assert_uint_eq(flash->pos.line, 539);
	ck_assert_uint_eq(flash->pos.col, 5);
	ck_assert(fl_dt_compatible(flash, "soc-nv-flash"));
	ck_assert_uint_eq(u64(flash, "erase-block-size"), 4096);
	ck_assert_uint_eq(u64(flash, "write-block-size"), 4);
	ck_assert(fl_dt_reg(flash, 0, &a, &s));
	ck_assert_uint_eq(a, 0);
	ck_assert_uint_eq(s, 0x100000);
	ck_assert_ptr_eq(fl_dt_chosen(&dt, "zephyr,flash-controller", NULL), flash->parent);
	ck_assert(fl_dt_compatible(flash->parent, "nordic,nrf53-flash-controller"));

	struct fl_dt_node *qspi = fl_dt_label(&dt, "qspi");
	ck_assert_ptr_nonnull(qspi);
	ck_assert_str_eq(qspi->path, "/soc/peripheral@50000000/qspi@2b000");
	ck_assert_uint_eq(qspi->pos.line, 468);
	ck_assert_ptr_eq(fl_dt_path(&dt, "/soc/peripheral/qspi"), qspi);
	ck_assert(fl_dt_reg_by_name(qspi, "qspi_mm", &a, &s));
	ck_assert_uint_eq(a, 0x10000000);
	ck_assert_uint_eq(s, 0x10000000);
	ck_assert(fl_dt_reg_by_name(qspi, "qspi", &a, &s));
	ck_assert_uint_eq(a, 0x2b000);
	ck_assert_uint_eq(s, 0x1000);
	ck_assert(fl_dt_okay(qspi));

	struct fl_dt_node *nor = fl_dt_label(&dt, "mx25r64");
	ck_assert_ptr_nonnull(nor);
	ck_assert_ptr_eq(nor->parent, qspi);
	ck_assert(fl_dt_compatible(nor, "nordic,qspi-nor"));
	ck_assert_uint_eq(u64(nor, "size"), 67108864); /* bits: 8 MiB */
	ck_assert_uint_eq(u64(nor, "size") / 8, 8u << 20);
	ck_assert_uint_eq(fl_dt_size_cells(nor), 0);
	ck_assert(fl_dt_reg(nor, 0, &a, &s));
	ck_assert_uint_eq(a, 0);
	ck_assert_uint_eq(s, 0);
	const struct fl_dt_prop *p = prop(nor, "jedec-id");
	ck_assert_int_eq(p->val.v[0].kind, FL_DT_BYTES);
	ck_assert_uint_eq(p->val.v[0].n, 3);
	ck_assert_mem_eq(p->val.v[0].u.bytes, "\xc2\x28\x17", 3);
	p = prop(nor, "sfdp-bfp");
	ck_assert_uint_eq(p->pos.line, 486);
	ck_assert_uint_eq(p->val.v[0].n, 64);
	ck_assert_uint_eq(p->val.v[0].u.bytes[63], 0xff);
	ck_assert_uint_eq(prop(nor, "has-dpd")->val.n, 0);

	struct fl_dt_node *slot0 = fl_dt_chosen(&dt, "zephyr,code-partition", NULL);
	ck_assert_ptr_eq(slot0, fl_dt_label(&dt, "slot0_partition"));
	ck_assert_ptr_eq(slot0->parent->parent, flash);
	ck_assert(fl_dt_compatible(slot0->parent, "fixed-partitions"));
	ck_assert_uint_eq(slot0->pos.line, 552);
	ck_assert(fl_dt_reg(slot0, 0, &a, &s));
	ck_assert_uint_eq(a, 0x10000);
	ck_assert_uint_eq(s, 0x40000);
	ck_assert_str_eq(fl_dt_prop_str(prop(slot0, "label"), 0), "image-0");
	ck_assert(fl_dt_reg(fl_dt_label(&dt, "storage_partition"), 0, &a, &s));
	ck_assert_uint_eq(a, 0xf8000);
	ck_assert_uint_eq(s, 0x8000);

	ck_assert_ptr_eq(fl_dt_path(&dt, "led0"), path(&dt, "/leds/led_0"));
	ck_assert_uint_eq(path(&dt, "/leds/led_0")->pos.line, 795);
	ck_assert_ptr_eq(fl_dt_label(&dt, "arduino_i2c"), fl_dt_label(&dt, "i2c1"));
	ck_assert(!fl_dt_okay(fl_dt_label(&dt, "spi0")));
	ck_assert(fl_dt_okay(fl_dt_label(&dt, "uart0")));
}
END_TEST

START_TEST(test_corpus_nrf5340_old_ncs)
{
	struct fl_dt dt = { 0 };
	if (!corpus_read(&dt, "nrf5340_mcuboot_childimg/build/zephyr/zephyr.dts"))
		return;
	uint64_t a = 0, s = 0;
	struct fl_dt_node *flash = fl_dt_chosen(&dt, "zephyr,flash", NULL);
	ck_assert_ptr_nonnull(flash);
	ck_assert_str_eq(flash->path, "/soc/peripheral@50000000/flash-controller@39000/flash@0");
	ck_assert_uint_eq(flash->pos.line, 70);
	ck_assert_uint_eq(u64(flash, "erase-block-size"), 4096);
	ck_assert_uint_eq(u64(flash, "write-block-size"), 4);
	ck_assert_str_eq(fl_dt_prop_str(prop(flash, "label"), 0), "NRF_FLASH");

	struct fl_dt_node *qspi = fl_dt_label(&dt, "qspi");
	ck_assert_ptr_nonnull(qspi);
	ck_assert_uint_eq(qspi->pos.line, 370);
	ck_assert(fl_dt_reg(qspi, 0, &a, &s));
	ck_assert_uint_eq(a, 0x2b000);
	ck_assert_uint_eq(s, 0x1000);
	/* Older SoC files describe no XIP window. */
	ck_assert(!fl_dt_reg(qspi, 1, &a, &s));
	ck_assert(!fl_dt_reg_by_name(qspi, "qspi_mm", &a, &s));
	const struct fl_dt_prop *io = prop(qspi, "io-pins");
	ck_assert_uint_eq(io->val.n, 4);
	ck_assert_uint_eq(cell(io, 3), 0x10);

	struct fl_dt_node *nor = fl_dt_label(&dt, "mx25r64");
	ck_assert(fl_dt_compatible(nor, "nordic,qspi-nor"));
	ck_assert_uint_eq(u64(nor, "size"), 0x4000000);
	ck_assert_uint_eq(nor->pos.line, 381);

	struct fl_dt_node *scratch = fl_dt_label(&dt, "scratch_partition");
	ck_assert_ptr_nonnull(scratch);
	ck_assert_str_eq(scratch->path,
			 "/soc/peripheral@50000000/flash-controller@39000/flash@0/partitions/partition@f0000");
	ck_assert(fl_dt_reg(scratch, 0, &a, &s));
	ck_assert_uint_eq(a, 0xf0000);
	ck_assert_uint_eq(s, 0xa000);
	ck_assert_ptr_eq(fl_dt_chosen(&dt, "zephyr,code-partition", NULL),
			 fl_dt_label(&dt, "slot0_partition"));
}
END_TEST

START_TEST(test_corpus_rp2040_stm32)
{
	struct fl_dt dt = { 0 };
	uint64_t a = 0, s = 0;
	if (corpus_read(&dt, "rp2040_pico_nopm/build/zephyr/zephyr.dts")) {
		struct fl_dt_node *flash = fl_dt_chosen(&dt, "zephyr,flash", NULL);
		ck_assert_ptr_nonnull(flash);
		ck_assert_str_eq(flash->path, "/soc/flash-controller@18000000/flash@10000000");
		ck_assert_uint_eq(flash->pos.line, 48);
		ck_assert_uint_eq(u64(flash, "write-block-size"), 1);
		ck_assert_uint_eq(u64(flash, "erase-block-size"), 4096);
		ck_assert(fl_dt_reg(flash, 0, &a, &s));
		ck_assert_uint_eq(a, 0x10000000);
		ck_assert_uint_eq(s, 0x200000);
		ck_assert_ptr_eq(fl_dt_chosen(&dt, "zephyr,flash-controller", NULL),
				 fl_dt_label(&dt, "ssi"));
		struct fl_dt_node *code = fl_dt_chosen(&dt, "zephyr,code-partition", NULL);
		ck_assert_ptr_eq(code, fl_dt_label(&dt, "code_partition"));
		ck_assert_uint_eq(code->pos.line, 62);
		ck_assert(fl_dt_reg(code, 0, &a, &s));
		ck_assert_uint_eq(a, 0x100);
		ck_assert_uint_eq(s, 0x1fff00);
		ck_assert_uint_eq(prop(code, "read-only")->val.n, 0);
		ck_assert_uint_eq(prop(code, "read-only")->pos.line, 65);
	}

	struct fl_dt dt2 = { 0 };
	if (corpus_read(&dt2, "stm32f746_disco_nopm/build/zephyr/zephyr.dts")) {
		struct fl_dt_node *flash = fl_dt_chosen(&dt2, "zephyr,flash", NULL);
		ck_assert_ptr_nonnull(flash);
		ck_assert_str_eq(flash->path, "/soc/flash-controller@40023c00/flash@8000000");
		ck_assert(fl_dt_compatible(flash, "soc-nv-flash"));
		ck_assert(fl_dt_reg(flash, 0, &a, &s));
		ck_assert_uint_eq(a, 0x8000000);
		ck_assert_uint_eq(s, 0x100000);
		ck_assert_ptr_eq(fl_dt_label(&dt2, "flash"), flash->parent);
		struct fl_dt_node *nor = fl_dt_path(&dt2, "spi-flash0");
		ck_assert_ptr_eq(nor, fl_dt_label(&dt2, "n25q128a1"));
		ck_assert_ptr_eq(fl_dt_chosen(&dt2, "zephyr,flash-controller", NULL), nor);
		ck_assert_str_eq(nor->path, "/soc/quadspi@a0001000/qspi-nor-flash@0");
		ck_assert_uint_eq(nor->pos.line, 1286);
		ck_assert(fl_dt_compatible(nor, "st,stm32-qspi-nor"));
		ck_assert_uint_eq(u64(nor, "size"), 0x8000000);
		ck_assert(fl_dt_okay(nor));
		struct fl_dt_node *slot1 = fl_dt_label(&dt2, "slot1_partition");
		ck_assert_ptr_eq(slot1->parent->parent, nor);
		ck_assert(fl_dt_reg(slot1, 0, &a, &s));
		ck_assert_uint_eq(a, 0);
		ck_assert_uint_eq(s, 0xa0000);
		ck_assert_uint_eq(prop(fl_dt_label(&dt2, "quadspi"), "pinctrl-0")->val.v[0].n, 6);
	}
}
END_TEST

START_TEST(test_corpus_new_format)
{
	/* Zephyr 4.2 output: "node ... defined in" and "in file:line" comments,
	 * cells spread over several lines, /chosen after /soc. */
	struct fl_dt dt = { 0 };
	if (!corpus_read(&dt, "nrf54l15_sysbuild_tfm_mesh_shell/build/mesh_shell/zephyr/zephyr.dts"))
		return;
	uint64_t a = 0, s = 0;
	const struct fl_dt_prop *cp;
	struct fl_dt_node *flash = fl_dt_chosen(&dt, "zephyr,flash", &cp);
	ck_assert_ptr_eq(flash, fl_dt_label(&dt, "cpuapp_rram"));
	ck_assert_uint_eq(cp->pos.line, 1028);
	ck_assert_str_eq(flash->path, "/soc/rram-controller@5004b000/rram@0");
	ck_assert_uint_eq(flash->pos.line, 931);
	ck_assert_uint_eq(flash->pos.col, 4);
	ck_assert_uint_eq(u64(flash, "write-block-size"), 16);
	ck_assert_uint_eq(u64(flash, "erase-block-size"), 4096);
	ck_assert(fl_dt_reg(flash, 0, &a, &s));
	ck_assert_uint_eq(s, 0x165000);
	ck_assert(fl_dt_compatible(flash->parent, "nordic,rram-controller"));
	struct fl_dt_node *ns = fl_dt_chosen(&dt, "zephyr,code-partition", NULL);
	ck_assert_ptr_eq(ns, fl_dt_label(&dt, "slot0_ns_partition"));
	ck_assert_str_eq(ns->unit, "8A000");
	ck_assert_uint_eq(ns->pos.line, 968);
	ck_assert(fl_dt_reg(ns, 0, &a, &s));
	ck_assert_uint_eq(a, 0x8a000);
	ck_assert_uint_eq(s, 0xd3000);
	const struct fl_dt_prop *psels = prop(fl_dt_path(&dt, "/pin-controller/uart20_sleep/group1"),
					      "psels");
	ck_assert_uint_eq(psels->val.n, 4);
	ck_assert_uint_eq(cell(psels, 3), 0x3000027);
}
END_TEST

static Suite *dts_suite(void)
{
	Suite *s = suite_create("dts");
	TCase *tc = tcase_create("reader");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_lookups);
	tcase_add_test(tc, test_merge_and_delete);
	tcase_add_test(tc, test_reg);
	tcase_add_test(tc, test_plugin_and_forward_refs);
	tcase_add_test(tc, test_zeroed);
	tcase_add_loop_test(tc, test_bad, 0, (int)(sizeof(bad_cases) / sizeof(bad_cases[0])));
	tcase_add_test(tc, test_empty_and_missing);
	tcase_add_test(tc, test_partial_tree_after_error);
	tcase_add_test(tc, test_depth);
	tcase_add_test(tc, test_long_path);
	tcase_add_test(tc, test_many_nodes);
	tcase_add_test(tc, test_corpus_all);
	tcase_add_test(tc, test_corpus_nrf5340_zephyr41);
	tcase_add_test(tc, test_corpus_nrf5340_old_ncs);
	tcase_add_test(tc, test_corpus_rp2040_stm32);
	tcase_add_test(tc, test_corpus_new_format);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(dts_suite());
}
