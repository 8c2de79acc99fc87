// SPDX-License-Identifier: Apache-2.0
/*
 * XFL rules: external flash across images. First, what each image needs at run time
 * (MCUboot: every slot it manages; the application: its update slot when it takes
 * updates, its settings and file-system storage), each with the Kconfig symbol or
 * devicetree node that says so. Then, for each need on external flash, whether
 * that image can reach it: the chip chosen and okay in its own devicetree, the
 * driver for the chip's compatible built (rules/data/flash-drivers.yml), the
 * Partition Manager flash-map conditions set. And code in XIP windows
 * (rules/data/soc-xip.yml): XIP mode on, the driver itself not in the window.
 * Reads the frozen model only.
 */
#include <stdio.h>
#include <string.h>

#include "flashlint/rules.h"
#include "fmt.h"
#include "flashlint/mcuboot.h"

/* One image's need of one partition, and why. */
struct need {
	const struct fl_image *img;
	const struct fl_partition *part;
	const char *why;
	struct fl_pos why_pos;
	bool mcuboot_secondary;  /* MCUboot's need of a secondary slot */
};

struct need_vec {
	struct need *v;
	size_t n;
	size_t cap;
};

static void add_need(struct fl_run *run, struct need_vec *v, const struct fl_image *img,
		     const struct fl_partition *part, const char *why, struct fl_pos pos)
{
	if (!part)
		return;
	fl_vec_for_each(v, n)
		if (n->img == img && n->part == part)
			return;
	*fl_vec_push(run->arena, v) = (struct need){ img, part, why, pos, false };
}

/* The partition `pm` (Partition Manager) or `dt` (devicetree label) as img sees it. */
static const struct fl_partition *part_for(const struct fl_model *m, const struct fl_image *img,
					   const char *pm, const char *dt)
{
	if (m->partitions.n || m->static_partitions.n)
		return pm ? fl_model_partition(m, img->domain, pm) : NULL;
	return dt ? fl_image_dt_partition(img, dt) : NULL;
}

/* The first of syms that is set in k, or NULL. */
static const char *first_y(const struct fl_kconfig *k, const char *const *syms, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fl_kconfig_is_y(k, syms[i]))
			return syms[i];
	return NULL;
}

/* The slots of mb as the MCUboot image `boot` needs them: mb->boot, or another
 * build of MCUboot in the same layout (the S1 variant, s1_image), which must
 * reach the same slots from its own configuration. */
static void mcuboot_needs(struct fl_run *run, const struct fl_model *m, const struct mcuboot *mb,
			  const struct fl_image *boot, struct need_vec *v)
{
	struct fl_arena *a = run->arena;
	struct fl_pos pos = mb->mode_src.pos;
	if (boot != mb->boot) {
		pos = mb->mode_src.why ? fl_kconfig_pos(&boot->kconfig, mb->mode_src.why)
				       : (struct fl_pos){ 0 };
		if (!pos.line)
			pos = (struct fl_pos){ boot->kconfig.path, 0, 0 };
	}
	for (size_t i = 0; i < mb->n; i++) {
		const struct mcuboot_slot *s[2] = { &mb->img[i].primary, &mb->img[i].secondary };
		for (int k = 0; k < 2; k++) {
			if (!s[k]->part)
				continue;
			const struct fl_partition *p =
				s[k]->part->from_dts ? fl_image_dt_partition(boot, s[k]->part->name)
						     : s[k]->part;
			size_t before = v->n;
			add_need(run, v, boot, p,
				 fl_printf(a, "MCUboot manages image %zu's %s slot '%s'", i,
					   k ? "secondary" : "primary", s[k]->name),
				 pos);
			if (k && v->n > before)
				v->v[v->n - 1].mcuboot_secondary = true;
		}
	}
	if (mb->scratch.part)
		add_need(run, v, boot, mb->scratch.part,
			 fl_printf(a, "MCUboot swaps through the scratch area '%s'", mb->scratch.name),
			 pos);
	(void)m;
}

/* The storage partition a devicetree chosen entry or fstab node points at. */
static const struct fl_partition *dt_part_at(const struct fl_image *img, const struct fl_dt_node *n)
{
	fl_vec_for_each(&img->dt_partitions, p)
		if (p->node == n)
			return p;
	return NULL;
}

static void fstab_needs(struct fl_run *run, const struct fl_image *img, const struct fl_dt_node *n,
			struct need_vec *v, int depth)
{
	if (depth > 64)
		return;
	if (fl_dt_compatible(n, "zephyr,fstab,littlefs") || fl_dt_compatible(n, "zephyr,fstab,fatfs")) {
		const struct fl_dt_prop *pp = fl_dt_prop(n, "partition");
		for (size_t i = 0; pp && i < pp->val.n; i++) {
			const struct fl_dt_piece *pc = &pp->val.v[i];
			if (pc->kind == FL_DT_CELLS && pc->n && pc->u.cells[0].ref) {
				const struct fl_dt_node *t = fl_dt_resolve(&img->dt, pc->u.cells[0].ref);
				add_need(run, v, img, t ? dt_part_at(img, t) : NULL,
					 fl_printf(run->arena, "its devicetree mounts a file system on it (%s)",
						   n->path),
					 pp->pos);
			}
		}
	}
	fl_dt_for_each_child(n, c)
		fstab_needs(run, img, *c, v, depth + 1);
}

static void app_needs(struct fl_run *run, const struct fl_model *m, const struct mcuboot *mb,
		      bool have_mb, const struct fl_image *img, struct need_vec *v)
{
	struct fl_arena *a = run->arena;
	const struct fl_kconfig *k = &img->kconfig;

	/* Receiving updates: the image writes the secondary slot(s). */
	static const char *const dfu[] = {
		"CONFIG_MCUMGR_GRP_IMG", "CONFIG_MCUMGR_CMD_IMG_MGMT", "CONFIG_IMG_MANAGER",
		"CONFIG_DFU_TARGET_MCUBOOT", "CONFIG_MCUBOOT_IMG_MANAGER",
	};
	const char *upd = first_y(k, dfu, sizeof(dfu) / sizeof(dfu[0]));
	if (upd && have_mb) {
		uint64_t nimg = 1;
		fl_kconfig_u64(k, "CONFIG_UPDATEABLE_IMAGE_NUMBER", &nimg);
		for (size_t i = 0; i < mb->n && i < nimg; i++) {
			const struct mcuboot_slot *s = &mb->img[i].secondary;
			if (!s->part)
				continue;
			const struct fl_partition *p =
				s->part->from_dts ? fl_image_dt_partition(img, s->part->name) : s->part;
			add_need(run, v, img, p,
				 fl_printf(a, "it writes updates into '%s' (%s)", s->name, upd),
				 fl_kconfig_pos(k, upd));
		}
	}

	/* Settings and their backends. */
	const struct fl_dt_prop *sp = NULL;
	const struct fl_dt_node *sn =
		img->dt.root ? fl_dt_chosen(&img->dt, "zephyr,settings-partition", &sp) : NULL;
	if (sn && sp) {
		add_need(run, v, img, dt_part_at(img, sn),
			 "its devicetree chooses it as zephyr,settings-partition", sp->pos);
	} else {
		static const char *const st[] = { "CONFIG_SETTINGS", "CONFIG_NVS", "CONFIG_ZMS" };
		const char *sym = first_y(k, st, sizeof(st) / sizeof(st[0]));
		if (sym) {
			const struct fl_partition *p = part_for(m, img, "settings_storage", "storage_partition");
			if (!p && fl_kconfig_is_y(k, "CONFIG_NVS"))
				p = part_for(m, img, "nvs_storage", NULL);
			add_need(run, v, img, p, fl_printf(a, "it keeps its settings there (%s)", sym),
				 fl_kconfig_pos(k, sym));
		}
	}
	/* File systems: devicetree fstab entries, or Partition Manager's littlefs. */
	if (img->dt.root)
		fstab_needs(run, img, img->dt.root, v, 0);
	if (fl_kconfig_is_y(k, "CONFIG_FILE_SYSTEM_LITTLEFS"))
		add_need(run, v, img, part_for(m, img, "littlefs_storage", NULL),
			 "it mounts littlefs there (CONFIG_FILE_SYSTEM_LITTLEFS)",
			 fl_kconfig_pos(k, "CONFIG_FILE_SYSTEM_LITTLEFS"));
}

static void collect_needs(struct fl_run *run, const struct fl_model *m, struct need_vec *v)
{
	struct mcuboot mb;
	bool have_mb = mcuboot_model(m, &mb);
	if (have_mb && mb.boot) {
		mcuboot_needs(run, m, &mb, mb.boot, v);
		for_each_image(m, it)
			if ((*it)->role == FL_IMG_MCUBOOT && *it != mb.boot && (*it)->kconfig.path)
				mcuboot_needs(run, m, &mb, *it, v);
	}
	for_each_image(m, it)
		if ((*it)->role == FL_IMG_APP)
			app_needs(run, m, &mb, have_mb, *it, v);
}

/* ---- where a partition lives, as one image sees it -------------------------------- */

struct reach {
	const struct fl_device *dev;     /* the chip, from the image's devicetree; NULL if none */
	const char *dev_path;            /* the region's device as a devicetree path (NCS 2.x
					    child images), resolved in this image's devicetree */
	const char *dev_label;           /* CONFIG_PM_EXTERNAL_FLASH_DEV_NAME (NCS 1.x): a label
					    bound by name at run time; NULL when not set */
	bool pm;                         /* a Partition Manager partition */
	const struct fl_pm_region *region;
	const struct fl_flash_driver *drv;
	const char *driver_on;           /* the driver symbol that is set, or NULL */
};

/* The first of drv's Kconfig symbols that k sets, or NULL. */
static const char *driver_set(const struct fl_kconfig *k, const struct fl_flash_driver *drv)
{
	fl_vec_for_each(&drv->kconfig, s)
		if (fl_kconfig_is_y(k, *s))
			return *s;
	return NULL;
}

/* True when one of drv's symbols is sym. */
static bool is_driver_symbol(const struct fl_flash_driver *drv, const char *sym)
{
	fl_vec_for_each(&drv->kconfig, s)
		if (!strcmp(*s, sym))
			return true;
	return false;
}

/* Whether k sets the region's default driver Kconfig sym. PM_EXTERNAL_FLASH_HAS_DRIVER
 * is promptless with `default y if NORDIC_QSPI_NOR || SPI_NOR` (sdk-nrf
 * subsys/partition_manager/Kconfig): either driver sets it, written out or not. */
static bool entry_symbol_set(const struct fl_kconfig *k, const char *sym)
{
	if (fl_kconfig_is_y(k, sym))
		return true;
	return !strcmp(sym, "CONFIG_PM_EXTERNAL_FLASH_HAS_DRIVER") &&
	       (fl_kconfig_is_y(k, "CONFIG_NORDIC_QSPI_NOR") || fl_kconfig_is_y(k, "CONFIG_SPI_NOR"));
}

static bool is_external(const struct fl_image *img, const struct fl_partition *p)
{
	if (p->from_dts)
		return p->dev >= 0 && (size_t)p->dev < img->devices.n && img->devices.v[p->dev].external;
	return p->region && !strcmp(p->region, "external_flash");
}

static void reach_of(const struct fl_model *m, const struct need *n, struct reach *r)
{
	const struct fl_image *img = n->img;
	memset(r, 0, sizeof(*r));
	r->pm = !n->part->from_dts;
	if (r->pm) {
		r->region = fl_model_pm_region(m, n->part->domain, n->part->region);
		const struct fl_kconfig_entry *dn =
			fl_kconfig_get(&img->kconfig, "CONFIG_PM_EXTERNAL_FLASH_DEV_NAME");
		if (img->pm_ext_dev >= 0) {
			r->dev = &img->devices.v[img->pm_ext_dev];
		} else if (r->region && r->region->device && r->region->device[0] == '/') {
			/* The application's chosen chip as a path: each image resolves it
			 * in its own devicetree. */
			r->dev_path = r->region->device;
			const struct fl_dt_node *node = fl_dt_path(&img->dt, r->dev_path);
			r->dev = node ? fl_image_device_at(img, node) : NULL;
		} else if (dn && dn->is_string) {
			/* No chosen node in that era: the label is bound by name. */
			r->dev_label = dn->value;
			fl_vec_for_each(&img->devices, d) {
				const char *l = d->node ? fl_dt_prop_str(fl_dt_prop(d->node, "label"), 0) : NULL;
				if (!r->dev && fl_str_eq(l, dn->value))
					r->dev = d;
			}
		}
	} else {
		r->dev = &img->devices.v[n->part->dev];
	}
	if (r->dev && r->dev->compatible && m->data)
		r->drv = fl_data_driver(m->data, r->dev->compatible);
	if (r->drv)
		r->driver_on = driver_set(&img->kconfig, r->drv);
}

static const char *drivers_text(struct fl_arena *a, const struct fl_flash_driver *drv)
{
	const char *t = NULL;
	fl_vec_for_each(&drv->kconfig, s)
		t = t ? fl_printf(a, "%s or %s", t, *s) : *s;
	return t ? t : "(none listed)";
}

/* What goes wrong at run time when the image cannot reach the partition. */
static const char *symptom(struct fl_arena *a, const struct fl_model *m, const struct need *n)
{
	if (n->mcuboot_secondary) {
		uint64_t max = 0;
		const struct fl_image *boot = n->img;
		if (!fl_kconfig_u64(&boot->kconfig, "CONFIG_BOOT_MAX_IMG_SECTORS", &max))
			max = 128;
		return fl_printf(a,
				 "MCUboot has no flash area for it: at boot it logs "
				 "'W: Failed reading sectors; BOOT_MAX_IMG_SECTORS=%" PRIu64 " - too small?' and "
				 "'W: Cannot upgrade: not a compatible amount of sectors', and an update written there is never installed",
				 max);
	}
	(void)m;
	return fl_printf(a, "flash_area_open() of '%s' fails with -ENOENT at run time", n->part->name);
}

/* The position to point at for a missing Kconfig symbol: its "is not set" line
 * when the image's .config has one, else the partition's line (the symbol is not
 * even offered in that image's configuration). */
static struct fl_pos kconfig_fix_pos(const struct fl_model *m, const struct need *n,
				     const char *sym)
{
	struct fl_pos p = fl_kconfig_pos(&n->img->kconfig, sym);
	return p.line ? p : fl_model_partition_pos(m, n->part);
}

static void need_notes(struct fl_run *run, struct fl_diag *d, const struct fl_model *m,
		       const struct need *n)
{
	fl_diag_note(run, d, fl_model_partition_pos(m, n->part), "'%s' is on external flash",
		     n->part->name);
	fl_diag_note(run, d, n->why_pos, "image '%s' needs it: %s", n->img->name, n->why);
	d->image = n->img->name;
}

/* One fact of an image that keeps several of its partitions from being reached (no
 * chosen chip, a disabled chip, a driver not built): the findings of d's rule with
 * the same key fold into one error at d's place, "image 'x' <what> N partitions
 * <why>", each partition a note with what it costs (fl_diag_cause). */
static void same_fact(struct fl_run *run, struct fl_diag *d, const struct fl_model *m,
		      const struct need *n, const void *key, const char *what, const char *why)
{
	struct fl_arena *a = run->arena;
	struct fl_cause *c = fl_alloc(a, sizeof(*c));
	c->key = key;
	c->pos = d->pos;
	c->head = fl_printf(a, "image '%s' %s ", n->img->name, what);
	c->tail = fl_printf(a, " partitions %s", why);
	fl_diag_cause(run, d, c, fl_model_partition_pos(m, n->part), "'%s': %s", n->part->name,
		      symptom(a, m, n));
}

/* ---- XFL001, XFL002, XFL003: can each image reach its external partitions ----------- */

/* Where a compiled entry's device is: -1 unknown, 1 the SoC's own flash (the
 * controller of the image's chosen zephyr,flash, by devicetree path, else by node
 * name, which Zephyr gives the device), 0 another device. */
static int entry_on_soc_flash(const struct fl_image *img, const struct fl_flash_area *a)
{
	if (a->dev_kind != FL_FA_DEV_DEVICE || img->flash_dev < 0)
		return -1;
	const struct fl_elf_device *d = &img->elf_devices.v[a->device];
	const struct fl_device *flash = &img->devices.v[img->flash_dev];
	if (d->path && flash->path)
		return !strncmp(d->path, flash->path, strlen(d->path));
	const struct fl_dt_node *ctl = flash->node ? flash->node->parent : NULL;
	if (d->name && ctl)
		return !strcmp(d->name, ctl->name) || !strcmp(d->name, flash->node->name);
	return -1;
}

/* True for a compiled entry on the SoC's own flash. */
static bool internal_entry(const struct fl_image *img, const struct fl_flash_area *a)
{
	return entry_on_soc_flash(img, a) == 1;
}

/* The compiled flash-map entry of partition p: same offset and size; of several,
 * one that is not on the SoC's own flash. NULL when there is none. */
static const struct fl_flash_area *compiled_entry(const struct fl_image *img, const struct fl_partition *p)
{
	uint64_t off = p->from_dts ? p->offset : p->address;
	const struct fl_flash_area *best = NULL;
	fl_vec_for_each(&img->flash_map.v, a)
		if (a->offset == off && a->size == p->size && (!best || internal_entry(img, best)))
			best = a;
	return best;
}

/* The names of the devices img instantiates, "'a', 'b'" or "none". */
static const char *elf_device_names(struct fl_arena *a, const struct fl_image *img)
{
	const char *t = NULL;
	fl_vec_for_each(&img->elf_devices, d)
		if (d->name)
			t = t ? fl_printf(a, "%s, '%s'", t, d->name) : fl_printf(a, "'%s'", d->name);
	return t ? t : "none";
}

/* The configuration behind a compiled flash map's entry, as a note. */
static void config_note(struct fl_run *run, struct fl_diag *d, const struct need *n,
			const struct reach *r)
{
	const struct fl_image *img = n->img;
	const struct fl_kconfig_entry *dn = fl_kconfig_get(&img->kconfig, "CONFIG_PM_EXTERNAL_FLASH_DEV_NAME");
	if (dn && dn->is_string)
		fl_diag_note(run, d, fl_kconfig_pos(&img->kconfig, dn->name),
			     "its .config sets CONFIG_PM_EXTERNAL_FLASH_DEV_NAME=\"%s\"", dn->value);
	if (r->drv)
		fl_diag_note(run, d, fl_kconfig_pos(&img->kconfig, r->drv->kconfig.n ? r->drv->kconfig.v[0] : ""),
			     r->driver_on ? "its .config builds the %s driver (%s)"
					  : "its .config builds no %s driver (%s): enable it in this image's own configuration",
			     r->drv->compatible, r->driver_on ? r->driver_on : drivers_text(run->arena, r->drv));
}

/* XFL001/XFL002 judged from the image's compiled flash map and devices. Returns
 * false when the ELF cannot decide (a pointer to neither a device nor a string). */
static bool check_compiled(struct fl_run *run, const struct fl_model *m, const struct need *n,
			   const struct reach *reach, enum fl_rule_id only)
{
	struct fl_arena *a = run->arena;
	const struct fl_image *img = n->img;
	const struct fl_flash_map *fm = &img->flash_map;
	const struct fl_flash_area *e = compiled_entry(img, n->part);
	struct reach rr = *reach, *r = &rr;
	/* A device named in the map: the chip whose label it is, for its driver. */
	if (!r->dev && e && e->dev_kind == FL_FA_DEV_NAME) {
		fl_vec_for_each(&img->devices, dv) {
			const char *l = dv->node ? fl_dt_prop_str(fl_dt_prop(dv->node, "label"), 0) : NULL;
			if (!r->dev && fl_str_eq(l, e->dev_name))
				r->dev = dv;
		}
		if (r->dev && r->dev->compatible && m->data)
			r->drv = fl_data_driver(m->data, r->dev->compatible);
		if (r->drv)
			r->driver_on = driver_set(&img->kconfig, r->drv);
	}
	uint64_t off = n->part->from_dts ? n->part->offset : n->part->address;
	struct fl_diag *d;
	if (e && e->dev_kind == FL_FA_DEV_UNKNOWN)
		return false;
	if (e && e->dev_kind == FL_FA_DEV_DEVICE)
		return true; /* the entry and its device are compiled in */
	if (e && e->dev_kind == FL_FA_DEV_NAME && fl_image_elf_device(img, e->dev_name))
		return true; /* bound by name at run time, and that device exists */
	if (!e) {
		if (only != FL_RULE_XFL001)
			return true;
		d = fl_diag(run, FL_RULE_XFL001, fl_model_partition_pos(m, n->part),
			    "image '%s' needs '%s' on external flash, but the flash map compiled into it ('%s', %" PRIu64
			    " entries) has no entry at offset 0x%08" PRIx64 " of %s: %s",
			    img->name, n->part->name, fm->symbol, fm->count, off, fmt_size(a, n->part->size),
			    symptom(a, m, n));
	} else if (e->dev_kind == FL_FA_DEV_NAME) {
		if (only != FL_RULE_XFL001)
			return true;
		const char *fix = r->drv && r->drv->kconfig.n ? r->drv->kconfig.v[0] : NULL;
		d = fl_diag(run, FL_RULE_XFL001, fix ? kconfig_fix_pos(m, n, fix) : fl_model_partition_pos(m, n->part),
			    "the flash map compiled into image '%s' puts '%s' on device '%s', but the image instantiates no device of that name: the driver is not built, so %s",
			    img->name, n->part->name, e->dev_name, symptom(a, m, n));
		fl_diag_note(run, d, (struct fl_pos){ img->elf_path, 0, 0 },
			     "entry %u of '%s' (offset 0x%08" PRIx64 ", %s) names device '%s'; the devices the image instantiates: %s",
			     e->id, fm->symbol, e->offset, fmt_size(a, e->size), e->dev_name,
			     elf_device_names(a, img));
	} else {
		if (only != FL_RULE_XFL002)
			return true;
		const char *why;
		const struct fl_dt_node *node = r->dev_path ? fl_dt_path(&img->dt, r->dev_path) : NULL;
		if (r->dev_path && !node)
			why = fl_printf(a, "the device path '%s' that Partition Manager wrote in regions.yml does not exist in its devicetree",
					r->dev_path);
		else if (r->dev && !r->dev->okay)
			why = fl_printf(a, "'%s' is disabled in its devicetree", r->dev->name);
		else if (!r->dev && !r->dev_path && img->dt.root)
			why = "its devicetree has no chosen nordic,pm-ext-flash";
		else
			why = "no device was compiled for the chip";
		d = fl_diag(run, FL_RULE_XFL002,
			    r->region && r->dev_path ? r->region->pos : fl_model_partition_pos(m, n->part),
			    "the flash map compiled into image '%s' has no device for '%s' (NULL): %s: %s", img->name,
			    n->part->name, why, symptom(a, m, n));
		fl_diag_note(run, d, (struct fl_pos){ img->elf_path, 0, 0 },
			     "entry %u of '%s' (offset 0x%08" PRIx64 ", %s) has a NULL device",
			     e->id, fm->symbol, e->offset, fmt_size(a, e->size));
		/* Where the chip is in this image's own devicetree, if anywhere. */
		if (r->dev_path && !node) {
			fl_diag_note(run, d, (struct fl_pos){ 0 },
				     "Partition Manager takes the path from the application's devicetree (its chosen nordic,pm-ext-flash) and each image resolves it in its own: the chip must be at that path in image '%s' too",
				     img->name);
			const char *leaf = strrchr(r->dev_path, '/');
			fl_vec_for_each(&img->devices, dv)
				if (dv->external && leaf && !strcmp(strrchr(dv->path, '/'), leaf))
					fl_diag_note(run, d, dv->pos, "image '%s' has the chip at '%s' in its devicetree",
						     img->name, dv->path);
		}
	}
	need_notes(run, d, m, n);
	config_note(run, d, n, r);
	if (e && e->dev_kind == FL_FA_DEV_NULL)
		same_fact(run, d, m, n, &img->flash_map, "has no device (NULL) in its compiled flash map for",
			  "on external flash");
	else if (e)
		same_fact(run, d, m, n, &img->elf_devices, "instantiates no device for",
			  fl_printf(a, "that its compiled flash map puts on device '%s': the driver is not built",
				    e->dev_name));
	fl_diag_num(run, d, "partition_address", off);
	fl_diag_num(run, d, "partition_size", n->part->size);
	return true;
}

static void check_need(struct fl_run *run, const struct fl_model *m, const struct need *n,
		       enum fl_rule_id only)
{
	struct fl_arena *a = run->arena;
	const struct fl_image *img = n->img;
	if (!is_external(img, n->part) || !img->kconfig.path)
		return;
	struct reach r;
	reach_of(m, n, &r);

	/* What the image was compiled with decides, where its ELF holds a flash map. */
	if (img->elf_path && img->flash_map.symbol && check_compiled(run, m, n, &r, only))
		return;

	/* XFL002: the chip is not chosen (Partition Manager) or not okay. */
	if (r.pm && img->dt.root && !r.dev && (r.dev_path || r.dev_label)) {
		if (only != FL_RULE_XFL002)
			return;
		struct fl_diag *d = fl_diag(
			run, FL_RULE_XFL002, r.dev_path && r.region ? r.region->pos : fl_kconfig_pos(&img->kconfig, "CONFIG_PM_EXTERNAL_FLASH_DEV_NAME"),
			r.dev_path ? "image '%s' uses '%s' on external flash, but the device path '%s' that Partition Manager wrote in regions.yml does not exist in its devicetree: %s"
			: *r.dev_label ? "image '%s' uses '%s' on external flash, but no node of its devicetree has the label '%s' that CONFIG_PM_EXTERNAL_FLASH_DEV_NAME names: %s"
				       : "image '%s' uses '%s' on external flash, but its .config names no chip (CONFIG_PM_EXTERNAL_FLASH_DEV_NAME=\"%s\"): %s",
			img->name, n->part->name, r.dev_path ? r.dev_path : r.dev_label, symptom(a, m, n));
		need_notes(run, d, m, n);
		same_fact(run, d, m, n, r.region, "uses",
			  r.dev_path ? fl_printf(a, "on external flash, but the device path '%s' that Partition Manager wrote in regions.yml does not exist in its devicetree",
						 r.dev_path)
			  : fl_printf(a, "on external flash, but its .config names the chip '%s' (CONFIG_PM_EXTERNAL_FLASH_DEV_NAME), which no node of its devicetree is labelled",
				      r.dev_label));
		return;
	}
	if (r.pm && img->dt.root && !r.dev) {
		if (only != FL_RULE_XFL002)
			return;
		const struct fl_dt_node *ch = fl_dt_path(&img->dt, "/chosen");
		struct fl_diag *d = fl_diag(
			run, FL_RULE_XFL002, ch ? ch->pos : (struct fl_pos){ img->dt.path, 0, 0 },
			"image '%s' uses '%s' on external flash, but its devicetree has no chosen nordic,pm-ext-flash: Partition Manager leaves the partition out of its flash map, so %s",
			img->name, n->part->name, symptom(a, m, n));
		need_notes(run, d, m, n);
		same_fact(run, d, m, n, &img->dt, "uses",
			  "on external flash, but its devicetree has no chosen nordic,pm-ext-flash: Partition Manager leaves them out of its flash map");
		return;
	}
	if (r.dev && !r.dev->okay) {
		if (only != FL_RULE_XFL002)
			return;
		struct fl_diag *d = fl_diag(
			run, FL_RULE_XFL002, r.dev->pos,
			"image '%s' uses '%s' on '%s', which is disabled in its devicetree: its flash map has no entry on a disabled chip, so %s", img->name,
			n->part->name, r.dev->name, symptom(a, m, n));
		need_notes(run, d, m, n);
		same_fact(run, d, m, n, r.dev, "uses",
			  fl_printf(a, "on '%s', which is disabled in its devicetree: its flash map has no entry on a disabled chip",
				    r.dev->name));
		return;
	}
	if (!r.dev || !r.drv)
		return; /* no devicetree, or a chip flashlint has no data for */

	/* The flash-map entry: Partition Manager adds it when the region's default
	 * driver Kconfig is set in this image. */
	const char *defk = r.region && r.region->default_driver_kconfig && *r.region->default_driver_kconfig
				   ? r.region->default_driver_kconfig
				   : "CONFIG_PM_EXTERNAL_FLASH_HAS_DRIVER";
	bool override = fl_kconfig_is_y(&img->kconfig, "CONFIG_PM_OVERRIDE_EXTERNAL_DRIVER_CHECK");
	bool entry = !r.pm || entry_symbol_set(&img->kconfig, defk) || override;
	const char *mcu_sec = "CONFIG_PM_EXTERNAL_FLASH_MCUBOOT_SECONDARY";
	/* NCS 1.x, which names the chip by label, has no such symbol; with sysbuild,
	 * SB_CONFIG_PM_EXTERNAL_FLASH_MCUBOOT_SECONDARY decides for MCUboot. */
	bool sec_ok = !r.pm || !n->mcuboot_secondary || fl_kconfig_is_y(&img->kconfig, mcu_sec) ||
		      r.dev_label ||
		      fl_kconfig_is_y(&m->sysbuild, "SB_CONFIG_PM_EXTERNAL_FLASH_MCUBOOT_SECONDARY");

	/* XFL003 (the inverse case): the flash map is compiled for the chip but no
	 * driver is, so DEVICE_DT_GET() has nothing to link against. */
	if (!r.driver_on && entry && sec_ok) {
		if (only != FL_RULE_XFL003)
			return;
		long ord = fl_image_dt_ord(img, r.dev->path);
		const char *sym = ord >= 0 ? fl_printf(a, "__device_dts_ord_%ld", ord) : "__device_dts_ord_N";
		struct fl_diag *d = fl_diag(
			run, FL_RULE_XFL003, kconfig_fix_pos(m, n, r.drv->kconfig.n ? r.drv->kconfig.v[0] : defk),
			"image '%s' puts '%s' on '%s' (%s) in its flash map but builds no driver for it (%s): the link fails with \"undefined reference to `%s'\"",
			img->name, n->part->name, r.dev->name, r.dev->compatible, drivers_text(a, r.drv), sym);
		need_notes(run, d, m, n);
		if (override)
			fl_diag_note(run, d, fl_kconfig_pos(&img->kconfig, "CONFIG_PM_OVERRIDE_EXTERNAL_DRIVER_CHECK"),
				     "CONFIG_PM_OVERRIDE_EXTERNAL_DRIVER_CHECK makes Partition Manager add the entry without checking for a driver");
		if (ord >= 0)
			fl_diag_note(run, d, (struct fl_pos){ 0 }, "ordinal %ld is %s in devicetree_generated.h",
				     ord, r.dev->path);
		return;
	}
	if (r.driver_on && entry && sec_ok)
		return; /* reachable */

	/* XFL001: the driver or the flash-map conditions are missing. */
	if (only != FL_RULE_XFL001)
		return;
	const char *missing = !r.driver_on ? drivers_text(a, r.drv) : !entry ? defk : mcu_sec;
	const char *first = !r.driver_on ? r.drv->kconfig.v[0] : !entry ? defk : mcu_sec;
	/* The chip's driver is built, but the region names another driver's symbol:
	 * enabling that one is no fix, the override is. */
	bool mismatch = r.driver_on && !entry && !is_driver_symbol(r.drv, defk) &&
			strcmp(defk, "CONFIG_PM_EXTERNAL_FLASH_HAS_DRIVER");
	struct fl_diag *d;
	if (mismatch)
		d = fl_diag(run, FL_RULE_XFL001, kconfig_fix_pos(m, n, first),
			    "image '%s' needs '%s' on '%s' (%s) and builds its driver (%s), but Partition Manager leaves the partition out of the image's flash map because the region's driver symbol %s is not set: %s",
			    img->name, n->part->name, r.dev->name, r.dev->compatible, r.driver_on, defk,
			    symptom(a, m, n));
	else
		d = fl_diag(run, FL_RULE_XFL001, kconfig_fix_pos(m, n, first),
			    "image '%s' needs '%s' on '%s' (%s) but its .config does not set %s: %s", img->name,
			    n->part->name, r.dev->name, r.dev->compatible, missing, symptom(a, m, n));
	need_notes(run, d, m, n);
	if (!mismatch && !r.driver_on)
		same_fact(run, d, m, n, r.dev, "needs",
			  fl_printf(a, "on '%s' (%s) but its .config does not set %s", r.dev->name,
				    r.dev->compatible, missing));
	/* Enabling the driver sets the region's symbol too (entry_symbol_set). */
	bool implied = !r.driver_on && !strcmp(defk, "CONFIG_PM_EXTERNAL_FLASH_HAS_DRIVER") &&
		       (!strcmp(first, "CONFIG_NORDIC_QSPI_NOR") || !strcmp(first, "CONFIG_SPI_NOR"));
	if (!mismatch && !strcmp(first, "CONFIG_PM_EXTERNAL_FLASH_HAS_DRIVER"))
		fl_diag_note(run, d, (struct fl_pos){ img->kconfig.path, 0, 0 },
			     "%s has no prompt: the driver's Kconfig must select it (or set CONFIG_PM_OVERRIDE_EXTERNAL_DRIVER_CHECK in this image)",
			     first);
	else if (!mismatch && !fl_kconfig_pos(&img->kconfig, first).line)
		fl_diag_note(run, d, (struct fl_pos){ img->kconfig.path, 0, 0 },
			     "%s does not appear in this .config at all: enable it in this image's own configuration (its child_image/ or sysbuild/ .conf)",
			     first);
	if (!r.driver_on && !entry && !implied)
		fl_diag_note(run, d, (struct fl_pos){ 0 }, "also unset: %s", defk);
	if (!r.driver_on && !sec_ok)
		fl_diag_note(run, d, (struct fl_pos){ 0 }, "also unset: %s", mcu_sec);
	if (r.pm && mismatch && r.region)
		fl_diag_note(run, d, r.region->pos,
			     "'%s' names %s as its default_driver_kconfig, which does not build the %s driver: with CONFIG_PM_OVERRIDE_EXTERNAL_DRIVER_CHECK (SB_CONFIG_PM_OVERRIDE_EXTERNAL_DRIVER_CHECK with sysbuild) Partition Manager adds the region's partitions without that check",
			     r.region->name, defk, r.dev->compatible);
	else if (r.pm && implied && r.region)
		fl_diag_note(run, d, r.region->pos,
			     "Partition Manager adds external partitions to an image's flash map only when %s is set in it, which %s sets",
			     defk, first);
	else if (r.pm && !entry && r.region)
		fl_diag_note(run, d, r.region->pos,
			     "Partition Manager adds external partitions to an image's flash map only when %s is set in it",
			     defk);
	fl_diag_num(run, d, "partition_address", n->part->address);
	fl_diag_num(run, d, "partition_size", n->part->size);
}

static void check_needs(struct fl_run *run, const struct fl_model *m, enum fl_rule_id id)
{
	struct need_vec v = { 0 };
	collect_needs(run, m, &v);
	fl_vec_for_each(&v, n)
		check_need(run, m, n, id);
}

static void xfl001(struct fl_run *run, const struct fl_model *m)
{
	check_needs(run, m, FL_RULE_XFL001);
}

static void xfl002(struct fl_run *run, const struct fl_model *m)
{
	check_needs(run, m, FL_RULE_XFL002);
}

/* XFL003: a driver built for a chip whose node is disabled in the same image (and
 * the inverse, found by check_need). */
static void xfl003(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	check_needs(run, m, FL_RULE_XFL003);
	if (!m->data)
		return;
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		fl_vec_for_each(&img->devices, dev) {
			if (dev->okay || !dev->compatible || !dev->external)
				continue;
			const struct fl_flash_driver *drv = fl_data_driver(m->data, dev->compatible);
			const char *on = drv ? driver_set(&img->kconfig, drv) : NULL;
			if (!on)
				continue;
			bool other_okay = false;
			fl_vec_for_each(&img->devices, o)
				other_okay |= o != dev && o->okay && o->compatible &&
					      !strcmp(o->compatible, dev->compatible);
			if (other_okay)
				continue;
			long ord = fl_image_dt_ord(img, dev->path);
			const char *sym = ord >= 0 ? fl_printf(a, "__device_dts_ord_%ld", ord) : "__device_dts_ord_N";
			struct fl_diag *d = fl_diag(
				run, FL_RULE_XFL003, fl_kconfig_pos(&img->kconfig, on),
				"image '%s' builds the %s driver (%s) but '%s' is disabled in its devicetree: code that gets the device fails to compile with \"'%s' undeclared\"",
				img->name, dev->compatible, on, dev->name, sym);
			fl_diag_note(run, d, dev->pos, "'%s' (%s)", dev->name, dev->path);
			d->image = img->name;
		}
	}
}

/* ---- XFL004, XFL005: code in an XIP window ----------------------------------------- */

struct window {
	uint64_t base, size;
	const struct fl_device *dev;     /* the chip seen through the window */
	const struct fl_flash_driver *drv;
	struct fl_pos pos;               /* the controller node, or the .config line of the
					    SoC symbol that selected a soc-xip.yml entry */
	const char *name;
	const char *soc;                 /* the soc-xip.yml entry, NULL for a devicetree window */
	const char *soc_sym;             /* the symbol that identified it */
};

/* The XIP windows of img: its devicetree's (a chip's controller with a mapped
 * region), else soc-xip.yml's for its SoC, each with the chip behind it. */
static size_t windows_of(const struct fl_model *m, const struct fl_image *img, struct window *w,
			 size_t max)
{
	size_t n = 0;
	fl_vec_for_each(&img->devices, d)
		if (d->has_xip && d->external && n < max)
			w[n++] = (struct window){ d->xip_base, d->xip_size, d,
						  fl_data_driver(m->data, d->compatible),
						  d->node->parent ? d->node->parent->pos : d->pos, d->name,
						  NULL, NULL };
	if (n || !m->data)
		return n;
	fl_vec_for_each(&m->data->socs, soc) {
		const char *match = NULL;
		fl_vec_for_each(&soc->kconfig, s)
			if (!match && fl_kconfig_is_y(&img->kconfig, *s))
				match = *s;
		if (!match)
			continue;
		fl_vec_for_each(&soc->windows, win) {
			const struct fl_device *dev = NULL;
			fl_vec_for_each(&img->devices, d)
				if (!dev && d->external && d->node->parent &&
				    fl_dt_compatible(d->node->parent, win->controller))
					dev = d;
			if (n < max)
				w[n++] = (struct window){ win->base, win->size, dev,
							  dev ? fl_data_driver(m->data, dev->compatible) : NULL,
							  fl_kconfig_pos(&img->kconfig, match), win->name,
							  soc->name, match };
		}
	}
	return n;
}

/* A note on where the window comes from: the image's devicetree, or soc-xip.yml
 * for its SoC (the note points at the .config line that names the SoC, not at
 * flashlint's own data file). */
static void window_note(struct fl_run *run, struct fl_diag *d, const struct window *w)
{
	const char *chip = w->dev ? w->dev->name : w->name;
	if (w->soc) {
		fl_diag_note(run, d, w->pos,
			     "'%s' is mapped at 0x%08" PRIx64 "..0x%08" PRIx64
			     " through window '%s' of %s (flashlint's soc-xip.yml; %s is set)",
			     chip, w->base, fl_end(w->base, w->size), w->name, w->soc, w->soc_sym);
		return;
	}
	const struct fl_dt_node *ctl = w->dev ? w->dev->node->parent : NULL;
	const char *ctl_name = !ctl ? "?" : fl_dt_node_label(ctl) ? fl_dt_node_label(ctl) : ctl->name;
	fl_diag_note(run, d, w->pos,
		     "'%s' is mapped at 0x%08" PRIx64 "..0x%08" PRIx64
		     " through the memory-mapped reg entry of its controller '%s'",
		     chip, w->base, fl_end(w->base, w->size), ctl_name);
}

static bool in_window(const struct window *w, uint64_t addr, uint64_t size)
{
	return addr >= w->base && fl_end(addr, size) <= fl_end(w->base, w->size) && size;
}

static void xfl004(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		struct window w[8];
		size_t nw = windows_of(m, img, w, 8);
		for (size_t i = 0; i < nw; i++) {
			const struct fl_flash_driver *drv = w[i].drv;
			if (!drv || !drv->xip_kconfig || fl_kconfig_is_y(&img->kconfig, drv->xip_kconfig))
				continue;
			const struct fl_section *first = NULL;
			uint64_t bytes = 0;
			size_t count = 0;
			fl_vec_for_each(&img->sections, s)
				if ((s->flags & FL_SEC_ALLOC) && (s->flags & FL_SEC_LOAD) &&
				    in_window(&w[i], s->vma, s->size)) {
					first = first ? first : s;
					bytes += s->size;
					count++;
				}
			if (!first)
				continue;
			struct fl_diag *d = fl_diag(
				run, FL_RULE_XFL004, first->pos,
				"image '%s' places %s in %zu section%s in the XIP window of '%s' (0x%08" PRIx64
				"..0x%08" PRIx64 "), first '%s', but does not set %s: without XIP mode the driver releases the chip after use and the CPU faults fetching from the window",
				img->name, fmt_size(a, bytes), count, count == 1 ? "" : "s",
				w[i].dev ? w[i].dev->name : w[i].name, w[i].base, fl_end(w[i].base, w[i].size),
				first->name, drv->xip_kconfig);
			d->image = img->name;
			fl_diag_note(run, d, fl_kconfig_pos(&img->kconfig, drv->xip_kconfig),
				     "%s keeps the %s controller in XIP mode", drv->xip_kconfig, drv->compatible);
			window_note(run, d, &w[i]);
			fl_diag_num(run, d, "window_base", w[i].base);
			fl_diag_num(run, d, "window_size", w[i].size);
			fl_diag_num(run, d, "bytes", bytes);
		}
	}
}

/* The member or file name of a map owner: "lib.a(foo.c.obj)" -> "foo.c.obj". */
static const char *owner_base(const char *owner, size_t *len)
{
	const char *s = strrchr(owner, '(');
	const char *b = s ? s + 1 : owner;
	const char *slash = strrchr(b, '/');
	b = slash ? slash + 1 : b;
	*len = strlen(b);
	if (s && *len && b[*len - 1] == ')')
		(*len)--;
	return b;
}

/* True when owner was compiled from one of drv's sources ("nrf_qspi_nor.c"). */
static bool from_driver(const struct fl_flash_driver *drv, const char *owner)
{
	size_t len;
	const char *b = owner_base(owner, &len);
	fl_vec_for_each(&drv->sources, src) {
		size_t sl = strlen(*src);
		if (len >= sl && !memcmp(b, *src, sl) && (len == sl || b[sl] == '.'))
			return true;
	}
	return false;
}

static void xfl005(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		struct window w[8];
		size_t nw = windows_of(m, img, w, 8);
		for (size_t i = 0; i < nw; i++) {
			if (!w[i].drv || !w[i].drv->sources.n)
				continue;
			const struct fl_input_section *first = NULL;
			const struct fl_section *sec = NULL;
			uint64_t bytes = 0;
			fl_vec_for_each(&img->sections, s) {
				if (!(s->flags & FL_SEC_ALLOC) || !in_window(&w[i], s->vma, s->size))
					continue;
				fl_vec_for_each(&s->inputs, in)
					if (!in->is_fill && in->owner && in->size &&
					    from_driver(w[i].drv, in->owner)) {
						if (!first) {
							first = in;
							sec = s;
						}
						bytes += in->size;
					}
			}
			if (!first)
				continue;
			struct fl_diag *d = fl_diag(
				run, FL_RULE_XFL005, first->pos,
				"the %s driver of image '%s' runs from the XIP window it serves: %s of its code and data (first '%s' from %s) in '%s' at 0x%08" PRIx64
				": while it erases, writes or reconfigures the chip, the CPU cannot fetch its next instruction",
				w[i].drv->compatible, img->name, fmt_size(a, bytes), first->name, first->owner,
				sec->name, first->addr);
			d->image = img->name;
			window_note(run, d, &w[i]);
			fl_diag_num(run, d, "bytes", bytes);
			fl_diag_num(run, d, "address", first->addr);
		}
	}
}

/* ---- XFL006 direct-xip-on-external ----------------------------------------------- */

static void xfl006(struct fl_run *run, const struct fl_model *m)
{
	struct mcuboot mb;
	if (!mcuboot_model(m, &mb) || mb.mode != MCUBOOT_MODE_DIRECT_XIP)
		return;
	for (size_t i = 0; i < mb.n; i++) {
		const struct mcuboot_slot *s[2] = { &mb.img[i].primary, &mb.img[i].secondary };
		for (int k = 0; k < 2; k++) {
			if (!s[k]->part || !s[k]->external)
				continue;
			struct fl_diag *d = fl_diag(
				run, FL_RULE_XFL006, s[k]->pos,
				"MCUboot runs in direct-XIP mode, which executes each slot where it lies, but slot '%s' is on external flash%s%s",
				s[k]->name, s[k]->device ? fl_printf(run->arena, " ('%s')", s[k]->device) : "",
				": the image would have to run through the XIP window; the nRF Connect SDK places the direct-XIP secondary in internal flash only");
			fl_diag_note(run, d, mb.mode_src.pos, "upgrade mode: %s (%s)",
				     mcuboot_mode_name(mb.mode), mb.mode_src.why);
		}
	}
}

/* ---- XFL007 flash-map-stale ------------------------------------------------------ */

/* The partitions an image's flash map is generated from: Partition Manager's of
 * its domain (flash regions only), else its devicetree's fixed-partitions. */
static bool layout_has(const struct fl_model *m, const struct fl_image *img,
		       const struct fl_flash_area *a, const struct fl_partition **near)
{
	bool pm = m->partitions.n || m->static_partitions.n;
	const struct fl_partition *v = img->dt_partitions.v;
	size_t n = img->dt_partitions.n;
	if (pm) {
		v = m->partitions.n ? m->partitions.v : m->static_partitions.v;
		n = m->partitions.n ? m->partitions.n : m->static_partitions.n;
	}
	for (size_t i = 0; i < n; i++) {
		const struct fl_partition *p = &v[i];
		if (pm && !fl_str_eq(p->domain, img->domain))
			continue;
		uint64_t off = pm ? p->address : p->offset;
		/* On the SoC's own flash in the image exactly when the partition is
		 * (external_flash, ram_flash: another device). */
		bool ext = pm ? p->region && !fl_str_eq(p->region, "flash_primary") : is_external(img, p);
		int soc = entry_on_soc_flash(img, a);
		bool same_dev = soc < 0 || soc == !ext;
		if (off == a->offset && (!*near || same_dev))
			*near = p;
		if (off == a->offset && p->size == a->size && same_dev)
			return true;
	}
	return false;
}

static void xfl007(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		const struct fl_flash_map *fm = &img->flash_map;
		if (!img->elf_path || !fm->symbol)
			continue;
		bool pm = m->partitions.n || m->static_partitions.n;
		if (!pm && !img->dt_partitions.n)
			continue;
		fl_vec_for_each(&fm->v, e) {
			const struct fl_partition *near = NULL;
			if (layout_has(m, img, e, &near))
				continue;
			const char *dev = e->dev_name ? fl_printf(a, " on '%s'", e->dev_name)
					  : e->dev_kind == FL_FA_DEV_NULL ? " with no device" : "";
			struct fl_diag *d = fl_diag(
				run, FL_RULE_XFL007, near ? fl_model_partition_pos(m, near) : (struct fl_pos){ img->elf_path, 0, 0 },
				"the flash map compiled into image '%s' has entry %u at offset 0x%08" PRIx64 " of %s%s, which no partition of the %s has: the image was built from another layout; rebuild it",
				img->name, e->id, e->offset, fmt_size(a, e->size), dev,
				pm ? "Partition Manager layout" : "image's devicetree");
			d->image = img->name;
			fl_diag_note(run, d, (struct fl_pos){ img->elf_path, 0, 0 }, "entry %u of '%s' (%" PRIu64 " entries)",
				     e->id, fm->symbol, fm->count);
			if (near)
				fl_diag_note(run, d, fl_model_partition_pos(m, near),
					     "the layout has '%s' at offset 0x%08" PRIx64 " of %s%s", near->name,
					     pm ? near->address : near->offset, fmt_size(a, near->size),
					     near->region ? fl_printf(a, " in '%s'", near->region) : "");
			fl_diag_num(run, d, "offset", e->offset);
			fl_diag_num(run, d, "size", e->size);
		}
	}
}

const struct fl_rule_impl fl_xfl_rules[] = {
	{ FL_RULE_XFL001, xfl001 },
	{ FL_RULE_XFL002, xfl002 },
	{ FL_RULE_XFL003, xfl003 },
	{ FL_RULE_XFL004, xfl004 },
	{ FL_RULE_XFL005, xfl005 },
	{ FL_RULE_XFL006, xfl006 },
	{ FL_RULE_XFL007, xfl007 },
	{ 0, NULL },
};
