// SPDX-License-Identifier: Apache-2.0
/*
 * Devicetree devices and partitions of the model, and the MCUboot model built on
 * them: slots, sector and write sizes, upgrade mode, BOOT_MAX_IMG_SECTORS, the
 * runtime trailer and the largest image per mode. A hand-made devicetree build and
 * two corpus builds (skipped with a message when ../shared/corpus is absent).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "flashlint/layout.h"
#include "flashlint/readers.h"
#include "flashlint/mcuboot.h"
#include "check_util.h"

#define DT_MOVE FL_TEST_DATA "/mcuboot/dt-move"

static struct fl_run run;
static struct fl_model model;
static struct fl_data data;

static void setup(void)
{
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	memset(&model, 0, sizeof(model));
	memset(&data, 0, sizeof(data));
	/* The NOR page-size options come from the flash-driver data. */
	ck_assert_int_eq(fl_data_load(&run, &data, FL_SOURCE_DIR "/rules/data"), 0);
	model.data = &data;
}

static void teardown(void)
{
	fl_run_free(&run);
}

static void load(const char *dir)
{
	struct fl_layout_opts o = { .build_dir = dir };
	ck_assert_int_eq(fl_layout_load(&run, &model, &o), 0);
	fl_model_freeze(&run, &model);
	ck_assert_uint_eq(fl_test_count_inp(&run), 0);
}

START_TEST(test_dt_devices_and_partitions)
{
	load(DT_MOVE);
	const struct fl_image *app = fl_model_image(&model, "app");
	ck_assert_ptr_nonnull(app);
	ck_assert_uint_eq(app->devices.n, 2);

	const struct fl_device *f = &app->devices.v[0];
	ck_assert_str_eq(f->name, "flash0");
	ck_assert(!f->external && f->mapped && f->okay);
	ck_assert_uint_eq(f->base, 0);
	ck_assert_uint_eq(f->size, 0x100000);
	ck_assert_uint_eq(f->erase_block, 4096);
	ck_assert_uint_eq(f->write_block, 4);

	const struct fl_device *x = &app->devices.v[1];
	ck_assert_str_eq(x->name, "mx25r64");
	ck_assert_str_eq(x->compatible, "nordic,qspi-nor");
	ck_assert(x->external && !x->mapped && x->size_in_bits);
	ck_assert_uint_eq(x->size_prop, 0x4000000);
	ck_assert_uint_eq(x->size, 0x800000);
	ck_assert(x->has_xip);
	ck_assert_uint_eq(x->xip_base, 0x10000000);
	ck_assert_uint_eq(x->xip_size, 0x10000000);
	ck_assert_int_eq(app->flash_dev, 0);
	ck_assert_int_eq(app->pm_ext_dev, 1);

	/* By device, then address. */
	ck_assert_uint_eq(app->dt_partitions.n, 4);
	static const struct {
		const char *name;
		uint64_t address, size;
		int dev;
		uint32_t line;
	} want[] = {
		{ "boot_partition", 0x0, 0x10000, 0, 30 },
		{ "slot0_partition", 0x10000, 0xe0000, 0, 34 },
		{ "storage_partition", 0xf0000, 0x10000, 0, 38 },
		{ "slot1_partition", 0x0, 0xe0000, 1, 61 },
	};
	for (size_t i = 0; i < 4; i++) {
		const struct fl_partition *p = &app->dt_partitions.v[i];
		ck_assert_str_eq(p->name, want[i].name);
		ck_assert_uint_eq(p->address, want[i].address);
		ck_assert_uint_eq(p->size, want[i].size);
		ck_assert_int_eq(p->dev, want[i].dev);
		ck_assert_uint_eq(p->pos.line, want[i].line);
		ck_assert(p->from_dts && p->has_address && p->has_size);
	}
	ck_assert_str_eq(app->dt_partitions.v[1].dt_label, "image-0");
	ck_assert_ptr_eq(app->code_partition, &app->dt_partitions.v[1]);
}
END_TEST

START_TEST(test_mcuboot_dt_move)
{
	load(DT_MOVE);
	struct mcuboot mb;
	ck_assert(mcuboot_model(&model, &mb));
	ck_assert(!mb.pm);
	ck_assert_ptr_nonnull(mb.boot);
	ck_assert_str_eq(mb.boot->name, "mcuboot");
	ck_assert_int_eq(mb.mode, MCUBOOT_MODE_MOVE);
	ck_assert_uint_eq(mb.mode_src.pos.line, 2);
	ck_assert_uint_eq(mb.max_sectors, 256);
	ck_assert(!mb.max_auto);
	ck_assert_uint_eq(mb.max_src.pos.line, 4);
	ck_assert_uint_eq(mb.max_align, 8);
	ck_assert_uint_eq(mb.n, 1);

	const struct mcuboot_slot *p = &mb.img[0].primary, *s = &mb.img[0].secondary;
	ck_assert_str_eq(p->name, "slot0_partition");
	ck_assert_uint_eq(p->start, 0x10000);
	ck_assert_uint_eq(p->size, 0xe0000);
	ck_assert_uint_eq(p->sector, 4096);
	ck_assert_uint_eq(p->write, 4);
	ck_assert_uint_eq(p->sectors, 224);
	ck_assert(!p->external);
	ck_assert_str_eq(s->name, "slot1_partition");
	ck_assert(s->external);
	ck_assert_uint_eq(s->start, 0);
	ck_assert_uint_eq(s->sector, 4096);
	ck_assert_uint_eq(s->sector_src.pos.line, 5);
	ck_assert_uint_eq(s->write, 1);
	ck_assert_uint_eq(s->sectors, 224);
	ck_assert(!mb.scratch.part);

	/* Without the QSPI driver MCUboot cannot reach the chip: its page size, and so
	 * the secondary's sectors, are unknown. */
	struct fl_image *boot = (struct fl_image *)mb.boot;
	for (size_t i = 0; i < boot->kconfig.v.n; i++)
		if (!strcmp(boot->kconfig.v.v[i].name, "CONFIG_NORDIC_QSPI_NOR"))
			boot->kconfig.v.v[i].value = "n";
	struct mcuboot no_drv;
	ck_assert(mcuboot_model(&model, &no_drv));
	ck_assert_uint_eq(no_drv.img[0].secondary.sector, 0);
	ck_assert_uint_eq(no_drv.img[0].secondary.sectors, 0);
	ck_assert_uint_eq(no_drv.img[0].primary.sectors, 224);

	/* 256 x 3 x 4 + 4 x 8 + 16 */
	ck_assert_uint_eq(mcuboot_trailer(&mb, 4), 0xc30);
	uint64_t limit;
	const char *how;
	ck_assert(mcuboot_max_image(run.arena, &mb, 0, &limit, &how));
	/* min((224 - 1 - 1) x 4096, (224 - 1) x 4096) */
	ck_assert_uint_eq(limit, 0xde000);
	ck_assert_ptr_nonnull(strstr(how, "224 primary sectors - 1 trailer - 1 spare"));
}
END_TEST

START_TEST(test_mcuboot_trailers_per_mode)
{
	load(DT_MOVE);
	struct mcuboot mb;
	ck_assert(mcuboot_model(&model, &mb));
	uint64_t limit;
	const char *how;

	mb.mode = MCUBOOT_MODE_OFFSET; /* 2 states, one more BOOT_MAX_ALIGN */
	ck_assert_uint_eq(mcuboot_trailer(&mb, 4), 256 * 2 * 4 + 32 + 16 + 8);
	ck_assert(mcuboot_max_image(run.arena, &mb, 0, &limit, &how));
	ck_assert_uint_eq(limit, 223 * 4096); /* min(224 - 1, 224 - 1) sectors */

	mb.mode = MCUBOOT_MODE_OVERWRITE; /* swap_info_off: 16 + 3 x 8 */
	ck_assert(mcuboot_max_image(run.arena, &mb, 0, &limit, &how));
	ck_assert_uint_eq(limit, 0xe0000 - 40);

	mb.mode = MCUBOOT_MODE_SINGLE; /* no status area: 4 x 8 + 16 */
	ck_assert_uint_eq(mcuboot_trailer(&mb, 4), 48);

	mb.mode = MCUBOOT_MODE_MOVE;
	mb.enc_key = 16; /* two 16-byte keys, aligned to 8 */
	ck_assert_uint_eq(mcuboot_trailer(&mb, 4), 0xc30 + 32);
	mb.enc_key = 0;
	mb.max_align = 32; /* CONFIG_MCUBOOT_BOOT_MAX_ALIGN=32: 4 x 32 + 32 */
	ck_assert_uint_eq(mcuboot_trailer(&mb, 4), 256 * 3 * 4 + 128 + 32);
}
END_TEST

/* The upstream Zephyr 4.1 nRF52840 DK sysbuild of the corpus: AUTO sectors. */
START_TEST(test_corpus_zephyr41_auto)
{
	const char *dir = FL_CORPUS "/zephyr41_nrf52840_hello_mcuboot_sysbuild/build";
	if (access(dir, F_OK) != 0) {
		printf("check_mcuboot: %s absent, corpus case skipped\n", dir);
		return;
	}
	load(dir);
	struct mcuboot mb;
	ck_assert(mcuboot_model(&model, &mb));
	ck_assert(mb.max_auto);
	ck_assert_uint_eq(mb.max_sectors, 119); /* 0x77000 / 4096 */
	ck_assert_uint_eq(mb.img[0].primary.sectors, 119);
	ck_assert_uint_eq(mb.img[0].secondary.sectors, 117);
	uint64_t limit;
	const char *how;
	ck_assert(mcuboot_max_image(run.arena, &mb, 0, &limit, &how));
	ck_assert_uint_eq(limit, 116 * 4096);
}
END_TEST

/* NCS child images with the secondary slot on external flash. */
START_TEST(test_corpus_pm_external_secondary)
{
	const char *dir = FL_CORPUS "/nrf52840_matter_mcuboot_ext_appmapmissing/build";
	if (access(dir, F_OK) != 0) {
		printf("check_mcuboot: %s absent, corpus case skipped\n", dir);
		return;
	}
	load(dir);
	struct mcuboot mb;
	ck_assert(mcuboot_model(&model, &mb));
	ck_assert(mb.pm);
	ck_assert_int_eq(mb.mode, MCUBOOT_MODE_MOVE);
	ck_assert_uint_eq(mb.max_sectors, 256);
	const struct mcuboot_slot *p = &mb.img[0].primary, *s = &mb.img[0].secondary;
	ck_assert_uint_eq(p->start, 0x7000);
	ck_assert_uint_eq(p->size, 0xf4000);
	ck_assert_uint_eq(p->sectors, 244);
	ck_assert(s->external);
	ck_assert_str_eq(s->device, "mx25r64");
	ck_assert_uint_eq(s->sector, 4096);
	uint64_t limit;
	const char *how;
	ck_assert(mcuboot_max_image(run.arena, &mb, 0, &limit, &how));
	ck_assert_uint_eq(limit, 0xf2000); /* (244 - 1 - 1) x 4096 */
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mcuboot");
	TCase *tc = tcase_create("model");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_dt_devices_and_partitions);
	tcase_add_test(tc, test_mcuboot_dt_move);
	tcase_add_test(tc, test_mcuboot_trailers_per_mode);
	tcase_add_test(tc, test_corpus_zephyr41_auto);
	tcase_add_test(tc, test_corpus_pm_external_secondary);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(suite());
}
