// SPDX-License-Identifier: Apache-2.0
/*
 * Devicetree → model: the flash devices of one image's zephyr.dts and their
 * fixed-partitions. Internal flash is a soc-nv-flash node, addressed by the CPU;
 * an external NOR chip is any other node with fixed-partitions or a known NOR
 * compatible, addressed by device offset, its `size` in bits. Nothing is judged.
 */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include "flashlint/readers.h"

/* Compatibles of external NOR chips whose `size` property is the capacity in bits
 * (the jedec,spi-nor-common binding and the vendor bindings built on it). */
static const char *const nor_compats[] = {
	"nordic,qspi-nor",     "jedec,spi-nor",         "jedec,mspi-nor",
	"st,stm32-qspi-nor",   "st,stm32-ospi-nor",     "st,stm32-xspi-nor",
	"nxp,imx-flexspi-nor", "nxp,s32-qspi-nor",      "atmel,at45",
	"renesas,ra-qspi-nor", "renesas,ra-ospi-b-nor", "infineon,qspi-flash",
};

static bool is_nor(const struct fl_dt_node *n)
{
	for (size_t i = 0; i < sizeof(nor_compats) / sizeof(nor_compats[0]); i++)
		if (fl_dt_compatible(n, nor_compats[i]))
			return true;
	return false;
}

static const struct fl_dt_node *partitions_of(const struct fl_dt_node *n)
{
	fl_dt_for_each_child(n, c)
		if (fl_dt_compatible(*c, "fixed-partitions"))
			return *c;
	return NULL;
}

static uint32_t u32_prop(const struct fl_dt_node *n, const char *name)
{
	uint64_t v;
	return fl_dt_prop_u64(n, name, &v) && v <= UINT32_MAX ? (uint32_t)v : 0;
}

/* The memory-mapped window of an external chip's controller: the parent's reg
 * entry named qspi_mm (nRF QSPI, STM32 QSPI) or nor_mm. */
static void xip_window(const struct fl_dt_node *n, struct fl_device *d)
{
	static const char *const names[] = { "qspi_mm", "nor_mm", "ospi_mm", "xspi_mm" };
	if (!n->parent)
		return;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (fl_dt_reg_by_name(n->parent, names[i], &d->xip_base, &d->xip_size)) {
			d->has_xip = true;
			return;
		}
}

static void add_device(struct fl_run *run, struct fl_image *img, const struct fl_dt_node *n)
{
	struct fl_device *d = fl_vec_push(run->arena, &img->devices);
	const struct fl_dt_prop *compat = fl_dt_prop(n, "compatible");
	d->name = fl_dt_node_label(n) ? fl_dt_node_label(n) : n->name;
	d->path = n->path;
	d->compatible = compat ? fl_dt_prop_str(compat, 0) : NULL;
	d->external = !fl_dt_compatible(n, "soc-nv-flash");
	d->okay = fl_dt_okay(n);
	for (const struct fl_dt_node *p = n->parent; p && d->okay; p = p->parent)
		d->okay = fl_dt_okay(p);
	d->node = n;
	d->pos = n->pos;
	d->erase_block = u32_prop(n, "erase-block-size");
	d->write_block = u32_prop(n, "write-block-size");
	uint64_t addr = 0, size = 0;
	bool has_reg = fl_dt_reg(n, 0, &addr, &size);
	if (!d->external) {
		d->mapped = has_reg;
		d->base = addr;
		d->size = size;
		d->size_prop = size;
		return;
	}
	xip_window(n, d);
	uint64_t v;
	if (fl_dt_prop_u64(n, "size", &v)) {
		d->size_in_bits = true;
		d->size_prop = v;
		d->size = v / 8;
	} else if (fl_dt_prop_u64(n, "size-in-bytes", &v)) {
		d->size_prop = v;
		d->size = v;
	}
}

static void walk(struct fl_run *run, struct fl_image *img, const struct fl_dt_node *n, int depth)
{
	if (depth > 64)
		return;
	if (fl_dt_compatible(n, "soc-nv-flash") || is_nor(n) || partitions_of(n))
		add_device(run, img, n);
	fl_dt_for_each_child(n, c)
		walk(run, img, *c, depth + 1);
}

static int cmp_part(const void *a, const void *b)
{
	const struct fl_partition *x = a, *y = b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return (x->size > y->size) - (x->size < y->size);
}

static void add_partitions(struct fl_run *run, struct fl_image *img, int dev)
{
	const struct fl_device *d = &img->devices.v[dev];
	const struct fl_dt_node *parts = partitions_of(d->node);
	if (!parts)
		return;
	fl_dt_for_each_child(parts, c) {
		const struct fl_dt_node *n = *c;
		struct fl_partition *p = fl_vec_push(run->arena, &img->dt_partitions);
		p->from_dts = true;
		p->node = n;
		p->dev = dev;
		p->label = fl_dt_node_label(n);
		p->name = p->label ? p->label : n->name;
		const struct fl_dt_prop *lp = fl_dt_prop(n, "label");
		p->dt_label = lp ? fl_dt_prop_str(lp, 0) : NULL;
		p->region = d->name;
		p->device = d->name;
		p->pos = n->pos;
		uint64_t off = 0, size = 0;
		p->has_address = p->has_size = fl_dt_reg(n, 0, &off, &size);
		p->offset = off;
		p->size = size;
		p->address = d->mapped ? d->base + off : off;
		p->has_end = false;
	}
}

void fl_dt_devices(struct fl_run *run, struct fl_image *img)
{
	const struct fl_dt *dt = &img->dt;
	if (!dt->root)
		return;
	walk(run, img, dt->root, 0);
	for (size_t i = 0; i < img->devices.n; i++)
		add_partitions(run, img, (int)i);
	if (img->dt_partitions.n > 1)
		qsort(img->dt_partitions.v, img->dt_partitions.n, sizeof(img->dt_partitions.v[0]),
		      cmp_part);

	const struct fl_dt_node *flash = fl_dt_chosen(dt, "zephyr,flash", NULL);
	const struct fl_dt_node *ext = fl_dt_chosen(dt, "nordic,pm-ext-flash", NULL);
	/* The chosen chips are devices whatever their compatible (an out-of-tree NOR
	 * driver's binding included). */
	const struct fl_dt_node *chosen[2] = { flash, ext };
	for (size_t c = 0; c < 2; c++) {
		bool known = false;
		fl_vec_for_each(&img->devices, d)
			known |= d->node == chosen[c];
		if (chosen[c] && !known)
			add_device(run, img, chosen[c]);
	}
	for (size_t i = 0; i < img->devices.n; i++) {
		if (flash && img->devices.v[i].node == flash)
			img->flash_dev = (int)i;
		if (ext && img->devices.v[i].node == ext)
			img->pm_ext_dev = (int)i;
	}
	const struct fl_dt_node *code = fl_dt_chosen(dt, "zephyr,code-partition", NULL);
	fl_vec_for_each(&img->dt_partitions, p)
		if (code && p->node == code)
			img->code_partition = p;
}

int fl_dt_ordinals_read(struct fl_run *run, struct fl_image *img, const char *path)
{
	static const char head[] = "Node dependency ordering (ordinal and path):";
	struct fl_buf b;
	const char *file = fl_strdup(run->arena, path);
	int rc = fl_buf_read(path, &b, run->cfg.max_input);
	if (rc < 0) {
		fl_inp(run, file, 0, 0, "cannot read the devicetree header: %s", fl_input_strerror(rc));
		return -FL_EIO;
	}
	const char *p = b.len ? memmem(b.data, b.len, head, sizeof(head) - 1) : NULL;
	const char *end = p ? b.data + b.len : NULL;
	uint32_t line = 1;
	size_t fl = strlen(file);
	if (!p && b.len && (fl < 22 || strcmp(file + fl - 22, "devicetree_generated.h"))) {
		/* devicetree_unfixed.h of Zephyr before 2.7 may have no ordering */
		fl_buf_close(&b);
		return 0;
	}
	if (!p) {
		fl_inp(run, file, b.len ? 1 : 0, 0,
		       "%s: expected the comment \"%s\" that gen_defines.py writes",
		       b.len ? "no node ordering" : "empty file", head);
		rc = -FL_EFORMAT;
		goto out;
	}
	for (const char *q = b.data; (q = memchr(q, '\n', (size_t)(p - q))); q++)
		line++;
	p = memchr(p, '\n', (size_t)(end - p));
	/* Lines " *   12  /soc/qspi@2b000/mx25r6435f@0", ordinals counting from 0,
	 * until the comment's empty line " *". */
	while (rc == 0) {
		line++;
		if (!p || ++p >= end) {
			fl_inp(run, file, line, 0, "the node ordering ends with the file: expected ' *'");
			rc = -FL_EFORMAT;
			break;
		}
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = p;
		while (le > p && le[-1] == '\r')
			le--;
		if (le - p == 2 && p[0] == ' ' && p[1] == '*')
			break;
		while (s < le && (*s == ' ' || *s == '*'))
			s++;
		uint64_t ord = 0;
		const char *d = s;
		while (d < le && *d >= '0' && *d <= '9' && ord <= UINT32_MAX)
			ord = ord * 10 + (uint64_t)(*d++ - '0');
		const char *path_at = d;
		while (path_at < le && *path_at == ' ')
			path_at++;
		if (d == s || path_at == d || path_at == le || *path_at != '/' || s - p < 3 ||
		    memcmp(p, " * ", 3)) {
			fl_inp(run, file, line, 1,
			       "expected ' *   ORDINAL /node/path' or the ordering's end ' *'");
			rc = -FL_EFORMAT;
			break;
		}
		if (ord != img->dt_ords.n) {
			fl_inp(run, file, line, (uint32_t)(s - p + 1),
			       "node ordinal %llu where %zu comes next",
			       (unsigned long long)ord, img->dt_ords.n);
			rc = -FL_EFORMAT;
			break;
		}
		const char *pe = le;
		while (pe > path_at && pe[-1] == ' ')
			pe--;
		struct fl_dt_ord *o = fl_vec_push(run->arena, &img->dt_ords);
		o->path = fl_strndup(run->arena, path_at, (size_t)(pe - path_at));
		o->ord = (uint32_t)ord;
		p = nl;
	}
out:
	fl_buf_close(&b);
	return rc;
}
