// SPDX-License-Identifier: Apache-2.0
/*
 * Freezing the model: region usage must be the figure GNU ld computes (the case
 * below is a real ld 2.40 link that printed "region `FLASH' overflowed by 548
 * bytes" and "FLASH: 4644 B"), load ranges, and imgtool's arithmetic.
 */
#include <check.h>
#include <string.h>

#include "flashlint/model.h"
#include "flashlint/imgtool.h"
#include "check_util.h"

static struct fl_section *add_sec(struct fl_run *run, struct fl_image *img, const char *name,
				  uint64_t vma, uint64_t lma, uint64_t size, unsigned flags)
{
	struct fl_section *s = fl_vec_push(run->arena, &img->sections);
	s->name = name;
	s->vma = vma;
	s->lma = lma;
	s->size = size;
	s->flags = flags;
	s->from_map = true;
	return s;
}

static void add_region(struct fl_run *run, struct fl_image *img, const char *name,
		       uint64_t origin, uint64_t length, const char *attrs)
{
	struct fl_region *r = fl_vec_push(run->arena, &img->regions);
	r->name = name;
	r->origin = origin;
	r->length = length;
	r->attrs = attrs;
}

#define LOADED (FL_SEC_ALLOC | FL_SEC_LOAD)

START_TEST(region_usage_is_lds_figure)
{
	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	struct fl_model m = { 0 };
	struct fl_image *img = fl_model_add_image(&run, &m, "app");
	add_region(&run, img, "FLASH", 0x10200, 0x1000, "xr");
	add_region(&run, img, "RAM", 0x20000000, 0x1000, "xrw");
	add_sec(&run, img, "text", 0x10200, 0x10200, 0x20, LOADED);
	add_sec(&run, img, ".rodata", 0x10220, 0x10220, 0x1200, LOADED);
	add_sec(&run, img, "datas", 0x20000000, 0x11420, 0x4, LOADED);
	add_sec(&run, img, "bss", 0x20000004, 0x11424, 0x4, FL_SEC_ALLOC); /* NOLOAD, AT> shown */
	add_sec(&run, img, ".debug_info", 0, 0, 0x5000, 0);
	fl_model_freeze(&run, &m);
	ck_assert(m.frozen);
	ck_assert_uint_eq(img->regions.v[0].used, 4644);
	ck_assert_uint_eq(img->regions.v[0].used_end - (0x10200 + 0x1000), 548);
	ck_assert_uint_eq(img->regions.v[1].used, 8);
	/* datas' load address lies past FLASH's end but continues it */
	ck_assert_int_eq(img->sections.v[2].lma_region, 0);
	ck_assert_int_eq(img->sections.v[2].vma_region, 1);
	ck_assert_int_eq(img->sections.v[4].vma_region, -1);
	ck_assert_uint_eq(img->load.n, 1);
	ck_assert_uint_eq(img->load_start, 0x10200);
	ck_assert_uint_eq(img->load_end, 0x11424);
	fl_run_free(&run);
}
END_TEST

START_TEST(load_ranges_per_memory_and_stray_section)
{
	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	struct fl_model m = { 0 };
	struct fl_image *img = fl_model_add_image(&run, &m, "app");
	add_region(&run, img, "FLASH", 0x10200, 0xdfe00, "xr");
	add_region(&run, img, "RAM", 0x20000000, 0x80000, "xw");
	add_region(&run, img, "EXTFLASH", 0x10120000, 0x40000, "wx");
	add_sec(&run, img, "rom_start", 0x10200, 0x10200, 0x154, LOADED);
	add_sec(&run, img, "text", 0x10360, 0x10360, 0x1000, LOADED);
	add_sec(&run, img, ".extflash_text_reloc", 0x10120000, 0x10120000, 0xa00, LOADED);
	add_sec(&run, img, ".extflash_rodata_reloc", 0x10120a00, 0x10120a00, 0x152, LOADED);
	/* map-only contents in RAM at their own address: Zephyr's NOLOAD RTT buffer */
	add_sec(&run, img, "_RTT_SECTION_NAME", 0x20000000, 0x20000000, 0x4b8, LOADED);
	add_sec(&run, img, ".stray", 0x30000000, 0x30000000, 0x10, LOADED);
	fl_model_freeze(&run, &m);
	ck_assert_uint_eq(img->sections.v[4].flags & FL_SEC_LOAD, 0);
	ck_assert_int_eq(img->sections.v[5].vma_region, -1);
	ck_assert_uint_eq(img->load.n, 3);
	ck_assert_uint_eq(img->load.v[0].start, 0x10200);
	ck_assert_uint_eq(img->load.v[0].end, 0x11360);
	ck_assert_int_eq(img->load.v[0].region, 0);
	ck_assert_uint_eq(img->load.v[1].start, 0x10120000);
	ck_assert_uint_eq(img->load.v[1].end, 0x10120b52);
	ck_assert_int_eq(img->load.v[1].region, 2);
	ck_assert_uint_eq(img->load.v[2].start, 0x30000000);
	ck_assert_int_eq(img->load.v[2].region, -1);
	ck_assert_uint_eq(img->load_end, 0x30000010);
	ck_assert(fl_region_is_ram(&img->regions.v[1]));
	ck_assert(!fl_region_is_ram(&img->regions.v[2])); /* "wx", but named flash */
	fl_run_free(&run);
}
END_TEST

START_TEST(imgtool_trailer_formula)
{
	/* domain.md §1.3-1.4, checked against imgtool: 0x630, 0xab0, 0x20 */
	ck_assert_uint_eq(imgtool_trailer(4, 128, false, false), 0x630);
	ck_assert_uint_eq(imgtool_trailer(4, 224, false, false), 0xab0);
	ck_assert_uint_eq(imgtool_trailer(4, 128, true, false), 0x20);
	ck_assert_uint_eq(imgtool_trailer(8, 128, false, false), 3 * 128 * 8 + 4 * 8 + 16);
	ck_assert_uint_eq(imgtool_trailer(32, 128, false, false), 3 * 128 * 32 + 4 * 32 + 32);
	ck_assert_uint_eq(imgtool_trailer(4, 128, false, true), 0x630 + 2 * 16);
}
END_TEST

static void add_part(struct fl_run *run, struct fl_model *m, const char *name, uint64_t addr,
		     uint64_t size)
{
	struct fl_partition *p = fl_vec_push(run->arena, &m->partitions);
	p->name = name;
	p->address = addr;
	p->size = size;
	p->region = "flash_primary";
}

static void add_kconfig(struct fl_run *run, struct fl_kconfig *k, const char *path,
			const char *name, const char *value)
{
	k->path = path;
	struct fl_kconfig_entry *e = fl_vec_push(run->arena, &k->v);
	e->name = name;
	e->value = value;
	e->line = (uint32_t)k->v.n;
}

/* The nRF5340 QSPI-XIP layout: imgtool says
 * "Image size (0x10110be8) + trailer (0x630) exceeds requested size 0xe0000". */
START_TEST(imgtool_params_of_xip_image)
{
	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	struct fl_model m = { 0 };
	add_part(&run, &m, "mcuboot_primary", 0x10000, 0xe0000);
	add_part(&run, &m, "mcuboot_pad", 0x10000, 0x200);
	struct fl_image *boot = fl_model_add_image(&run, &m, "mcuboot");
	boot->role = FL_IMG_MCUBOOT;
	add_kconfig(&run, &boot->kconfig, "mcuboot/zephyr/.config", "CONFIG_BOOT_SIGNATURE_TYPE_ECDSA_P256", "y");
	struct fl_image *img = fl_model_add_image(&run, &m, "app");
	img->role = FL_IMG_APP;
	add_region(&run, img, "FLASH", 0x10200, 0xdfe00, "xr");
	add_region(&run, img, "EXTFLASH", 0x10120000, 0x40000, "wx");
	add_sec(&run, img, "rom_start", 0x10200, 0x10200, 0x154, LOADED);
	add_sec(&run, img, ".extflash_text_reloc", 0x10120000, 0x10120000, 0xb52, LOADED);
	fl_model_freeze(&run, &m);
	struct imgtool_params p;
	ck_assert(imgtool_params_pm(&m, img, &p));
	ck_assert_str_eq(p.sig.name, "ECDSA-P256");
	ck_assert_uint_eq(p.sig.tlv_size, 0x96);
	/* the DER signature is 70, 71 or 72 bytes: 0x96, 0x97 or 0x98 */
	ck_assert_uint_eq(p.sig.tlv_jitter, 2);
	ck_assert_uint_eq(p.header_size, 0x200);
	ck_assert_uint_eq(p.align, 4);
	ck_assert_uint_eq(p.trailer, 0x630);
	ck_assert_uint_eq(p.load_start, 0x10200);
	ck_assert_uint_eq(p.load_end, 0x10120b52);
	ck_assert_uint_eq(p.image_size, 0x10110be8);
	fl_run_free(&run);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("model");
	TCase *tc = tcase_create("model");
	tcase_add_test(tc, region_usage_is_lds_figure);
	tcase_add_test(tc, load_ranges_per_memory_and_stray_section);
	tcase_add_test(tc, imgtool_trailer_formula);
	tcase_add_test(tc, imgtool_params_of_xip_image);
	suite_add_tcase(s, tc);
	return fl_test_main(s);
}
