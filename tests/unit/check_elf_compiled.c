// SPDX-License-Identifier: Apache-2.0
/*
 * What the ELF reader decodes of what was compiled: the device instances and the
 * flash map of tests/data/elf_compiled/flash_map.c, linked at test time for
 * little- and big-endian Cortex-M, with fa_label, with the older fa_dev_name, and
 * for the 64-bit host; a flash_map_entries that the array cannot hold is INP001.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashlint/readers.h"
#include "check_util.h"

#define SRC FL_TEST_DATA "/elf_compiled/"

static char tmpdir[] = "/tmp/flashlint-elfc-XXXXXX";
static bool have_arm, have_host;
static struct fl_run run;
static struct fl_image img;

/* Link the variant `name` with `flags` into out. */
static void link_variant(const char *cc, const char *name, const char *flags, char *out, size_t len)
{
	snprintf(out, len, "%s/%s.elf", tmpdir, name);
	char cmd[1024];
	if (!strcmp(cc, "arm"))
		snprintf(cmd, sizeof(cmd),
			 "arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Os -ffreestanding -nostdlib "
			 "-nostartfiles -fno-asynchronous-unwind-tables %s -T %sflash_map.ld -o %s %sflash_map.c",
			 flags, SRC, out, SRC);
	else
		snprintf(cmd, sizeof(cmd), "cc -O1 -static -nostdlib -fno-pie -no-pie %s -o %s %sflash_map.c",
			 flags, out, SRC);
	ck_assert_msg(system(cmd) == 0, "%s", cmd);
}

static void build(void)
{
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	have_arm = system("command -v arm-none-eabi-gcc >/dev/null 2>&1") == 0;
	have_host = system("command -v cc >/dev/null 2>&1") == 0;
	if (!have_arm)
		printf("check_elf_compiled: arm-none-eabi-gcc not found, Cortex-M variants skipped\n");
}

static void cleanup(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "check_elf_compiled: cannot remove %s\n", tmpdir);
}

static void setup(void)
{
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	memset(&img, 0, sizeof(img));
}

static void teardown(void)
{
	fl_run_free(&run);
}

/* The two devices of flash_map.c, and where they are. */
static void check_devices(uint64_t flash_dev, uint64_t chip_dev)
{
	ck_assert_uint_eq(img.elf_devices.n, 2);
	const struct fl_elf_device *d = fl_image_elf_device(&img, "flash-controller@39000");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->symbol, "__device_dts_ord_12");
	ck_assert_int_eq(d->ord, 12);
	if (flash_dev)
		ck_assert_uint_eq(d->addr, flash_dev);
	d = fl_image_elf_device(&img, "mx25r6435f@0");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->symbol, "__device_dts_ord_27");
	ck_assert_int_eq(d->ord, 27);
	if (chip_dev)
		ck_assert_uint_eq(d->addr, chip_dev);
	ck_assert_ptr_null(fl_image_elf_device(&img, "MX25R64"));
}

/* The four entries: offsets, sizes, ids as flash_map.c writes them. */
static void check_entries(const char *symbol, uint32_t entry_size)
{
	const struct fl_flash_map *fm = &img.flash_map;
	ck_assert_str_eq(fm->symbol, symbol);
	ck_assert_uint_eq(fm->count, 4);
	ck_assert_uint_eq(fm->entry_size, entry_size);
	ck_assert_uint_eq(fm->bytes, 4u * entry_size);
	ck_assert_uint_eq(fm->v.n, 4);
	static const uint64_t off[] = { 0x0, 0x10000, 0x0, 0xe0000 };
	static const uint64_t size[] = { 0x10000, 0xe0000, 0xe0000, 0x720000 };
	static const uint32_t dev_id[] = { 0, 0, 1, 1 };
	for (size_t i = 0; i < 4; i++) {
		ck_assert_uint_eq(fm->v.v[i].id, i);
		ck_assert_uint_eq(fm->v.v[i].device_id, dev_id[i]);
		ck_assert_uint_eq(fm->v.v[i].offset, off[i]);
		ck_assert_uint_eq(fm->v.v[i].size, size[i]);
	}
	ck_assert_int_eq(fm->v.v[3].dev_kind, FL_FA_DEV_NULL);
	ck_assert_uint_eq(fm->v.v[3].dev_ptr, 0);
	ck_assert_ptr_null(fm->v.v[3].dev_name);
}

static void check_device_entries(void)
{
	const struct fl_flash_map *fm = &img.flash_map;
	for (size_t i = 0; i < 3; i++) {
		const struct fl_flash_area *a = &fm->v.v[i];
		ck_assert_int_eq(a->dev_kind, FL_FA_DEV_DEVICE);
		ck_assert_int_ge(a->device, 0);
		ck_assert_uint_eq(a->dev_ptr, img.elf_devices.v[a->device].addr);
		ck_assert_str_eq(a->dev_name, i < 2 ? "flash-controller@39000" : "mx25r6435f@0");
	}
}

START_TEST(arm_little_endian)
{
	char elf[256];
	if (!have_arm)
		return;
	link_variant("arm", "le", "", elf, sizeof(elf));
	ck_assert_int_eq(fl_elf_read(&run, &img, elf), 0);
	ck_assert_uint_eq(fl_test_count_inp(&run), 0);
	/* The chip's object is in .data: its run address in RAM, its bytes in flash. */
	check_devices(0, 0x20000000);
	check_entries("default_flash_map", 16);
	check_device_entries();
	for (size_t i = 0; i < 4; i++)
		ck_assert_ptr_null(img.flash_map.v.v[i].label);
}
END_TEST

START_TEST(arm_big_endian_pm)
{
	char elf[256];
	if (!have_arm)
		return;
	link_variant("arm", "be", "-mbig-endian -DPM", elf, sizeof(elf));
	ck_assert_int_eq(fl_elf_read(&run, &img, elf), 0);
	check_devices(0, 0x20000000);
	check_entries("pm_flash_map", 16);
	check_device_entries();
}
END_TEST

START_TEST(arm_labels)
{
	char elf[256];
	if (!have_arm)
		return;
	link_variant("arm", "labels", "-DFA_LABELS", elf, sizeof(elf));
	ck_assert_int_eq(fl_elf_read(&run, &img, elf), 0);
	check_entries("default_flash_map", 20);
	check_device_entries();
	static const char *const label[] = { "mcuboot", "image-0", "image-1", "external_flash" };
	for (size_t i = 0; i < 4; i++)
		ck_assert_str_eq(img.flash_map.v.v[i].label, label[i]);
}
END_TEST

START_TEST(arm_device_name_strings)
{
	char elf[256];
	if (!have_arm)
		return;
	link_variant("arm", "names", "-DFA_DEV_NAME", elf, sizeof(elf));
	ck_assert_int_eq(fl_elf_read(&run, &img, elf), 0);
	check_devices(0, 0x20000000);
	check_entries("default_flash_map", 16);
	const struct fl_flash_map *fm = &img.flash_map;
	static const char *const name[] = { "NRF_FLASH_DRV_NAME", "NRF_FLASH_DRV_NAME", "MX25R64" };
	for (size_t i = 0; i < 3; i++) {
		ck_assert_int_eq(fm->v.v[i].dev_kind, FL_FA_DEV_NAME);
		ck_assert_int_eq(fm->v.v[i].device, -1);
		ck_assert_str_eq(fm->v.v[i].dev_name, name[i]);
	}
}
END_TEST

START_TEST(arm_count_disagrees)
{
	char elf[256];
	if (!have_arm)
		return;
	link_variant("arm", "badcount", "-DBAD_COUNT", elf, sizeof(elf));
	ck_assert_int_eq(fl_elf_read(&run, &img, elf), -FL_EFORMAT);
	ck_assert_uint_eq(fl_test_count_inp(&run), 1);
	ck_assert_str_eq(run.diags.v.v[0]->msg,
			 "compiled flash map 'default_flash_map': 64 bytes do not hold flash_map_entries = 3 entries of struct flash_area (at least 16 bytes each)");
	ck_assert_ptr_null(img.flash_map.symbol);
	/* The devices are read all the same. */
	ck_assert_uint_eq(img.elf_devices.n, 2);
}
END_TEST

START_TEST(host_64_bit_labels)
{
	char elf[256];
	if (!have_host)
		return;
	link_variant("host", "host64", "-DFA_LABELS", elf, sizeof(elf));
	ck_assert_int_eq(fl_elf_read(&run, &img, elf), 0);
	check_devices(0, 0);
	/* u8, u8, u16, 4 bytes padding, then four 8-byte fields. */
	check_entries("default_flash_map", 40);
	check_device_entries();
	ck_assert_str_eq(img.flash_map.v.v[2].label, "image-1");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("elf_compiled");
	TCase *tc = tcase_create("decode");
	tcase_add_unchecked_fixture(tc, build, cleanup);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, arm_little_endian);
	tcase_add_test(tc, arm_big_endian_pm);
	tcase_add_test(tc, arm_labels);
	tcase_add_test(tc, arm_device_name_strings);
	tcase_add_test(tc, arm_count_disagrees);
	tcase_add_test(tc, host_64_bit_labels);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(suite());
}
