// SPDX-License-Identifier: Apache-2.0
/*
 * Build-directory discovery on directory trees made in a temporary folder: NCS
 * child images, a sysbuild with domains.yaml, a failed final link (stage map), a
 * net-core domain, a path that is not a build directory, and images named with
 * --image and a devicetree given with --dts.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashlint/layout.h"
#include "check_util.h"

static char root[256];

static void put(const char *rel, const char *text)
{
	char path[512], dir[512];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (char *p = strchr(path + strlen(root) + 1, '/'); p; p = strchr(p + 1, '/')) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(p - path), path);
		mkdir(dir, 0755);
	}
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void setup(void)
{
	snprintf(root, sizeof(root), "/tmp/fl-layout-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
}

static void teardown(void)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	ck_assert_int_eq(system(cmd), 0);
}

static const char map[] =
	"Memory Configuration\n\n"
	"Name             Origin             Length             Attributes\n"
	"FLASH            0x00010200         0x00001000         xr\n"
	"*default*        0x00000000         0xffffffff\n\n"
	"Linker script and memory map\n\n"
	"text            0x00010200       0x20\n"
	" .text          0x00010200       0x20 a.o\n"
	"OUTPUT(zephyr.elf elf32-littlearm)\n";

static const struct fl_image *image(const struct fl_model *m, const char *name)
{
	for_each_image(m, it)
		if (!strcmp((*it)->name, name))
			return *it;
	return NULL;
}

START_TEST(child_images_and_pm_static)
{
	put("zephyr/.config", "CONFIG_BOOTLOADER_MCUBOOT=y\n");
	put("zephyr/zephyr.map", map);
	put("mcuboot/zephyr/.config", "CONFIG_MCUBOOT=y\nCONFIG_BOOT_MAX_IMG_SECTORS=128\n");
	put("partitions.yml", "app:\n  address: 0x10200\n  size: 0x1000\n");
	put("src/pm_static.yml", "mcuboot:\n  address: 0x0\n  size: 0x10000\n");
	char cache[600];
	snprintf(cache, sizeof(cache), "APPLICATION_SOURCE_DIR:PATH=%s/src\n", root);
	put("CMakeCache.txt", cache);

	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	struct fl_model m = { 0 };
	struct fl_layout_opts o = { .build_dir = root };
	ck_assert_int_eq(fl_layout_load(&run, &m, &o), 0);
	ck_assert_uint_eq(m.images.n, 2);
	const struct fl_image *app = image(&m, "app"), *boot = image(&m, "mcuboot");
	ck_assert_ptr_nonnull(app);
	ck_assert_ptr_nonnull(boot);
	ck_assert_int_eq(app->role, FL_IMG_APP);
	ck_assert_int_eq(boot->role, FL_IMG_MCUBOOT);
	ck_assert_uint_eq(app->regions.n, 1);
	ck_assert_uint_eq(app->regions.v[0].origin, 0x10200);
	ck_assert_uint_eq(m.partitions.n, 1);
	ck_assert_uint_eq(m.static_partitions.n, 1);
	ck_assert_str_eq(m.static_partitions.v[0].name, "mcuboot");
	ck_assert(!run.input_failed);
	fl_run_free(&run);
}
END_TEST

START_TEST(sysbuild_domains)
{
	put("domains.yaml", "default: blinky\nbuild_dir: D:/x/build\ndomains:\n"
			    "  - name: blinky\n    build_dir: D:/x/build/blinky\n"
			    "  - name: mcuboot\n    build_dir: D:/x/build/mcuboot\n"
			    "flash_order:\n  - mcuboot\n  - blinky\n");
	put("zephyr/.config", "SB_CONFIG_BOOTLOADER_MCUBOOT=y\n");
	put("blinky/zephyr/.config", "CONFIG_BOOTLOADER_MCUBOOT=y\n");
	put("blinky/zephyr/zephyr.map", map);
	put("mcuboot/zephyr/.config", "CONFIG_MCUBOOT=y\n");
	put("mcuboot/zephyr/mcuboot.map", map); /* NCS >= 3.0 names */
	put("stale/zephyr/.config", "CONFIG_X=y\n"); /* not in domains.yaml */

	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	struct fl_model m = { 0 };
	struct fl_layout_opts o = { .build_dir = root };
	ck_assert_int_eq(fl_layout_load(&run, &m, &o), 0);
	ck_assert_uint_eq(m.images.n, 2);
	ck_assert_int_eq(image(&m, "blinky")->role, FL_IMG_APP);
	ck_assert_int_eq(image(&m, "mcuboot")->role, FL_IMG_MCUBOOT);
	ck_assert_ptr_nonnull(image(&m, "mcuboot")->map_path);
	ck_assert(fl_kconfig_is_y(&m.sysbuild, "SB_CONFIG_BOOTLOADER_MCUBOOT"));
	fl_run_free(&run);
}
END_TEST

START_TEST(failed_link_reads_stage_map)
{
	put("zephyr/.config", "CONFIG_X=y\n");
	put("zephyr/zephyr_pre0.map", map);
	put("zephyr/zephyr_pre1.map", map);

	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	struct fl_model m = { 0 };
	struct fl_layout_opts o = { .build_dir = root };
	ck_assert_int_eq(fl_layout_load(&run, &m, &o), 0);
	const struct fl_image *app = image(&m, "app");
	ck_assert(app->map_is_stage);
	ck_assert_ptr_nonnull(strstr(app->map_path, "zephyr_pre1.map"));
	ck_assert_uint_eq(run.diags.v.n, 1);
	ck_assert_int_eq(run.diags.v.v[0]->rule, FL_RULE_NONE);
	ck_assert_ptr_nonnull(strstr(run.diags.v.v[0]->msg, "reading the stage map zephyr_pre1.map"));
	fl_run_free(&run);
}
END_TEST

START_TEST(net_core_domain)
{
	put("zephyr/.config", "CONFIG_SOC_NRF5340_CPUAPP=y\n");
	put("partitions.yml", "app:\n  address: 0x0\n  size: 0x100000\n");
	put("net/partitions_CPUNET.yml", "app:\n  address: 0x1000000\n  size: 0x40000\n");
	put("net/zephyr/.config", "CONFIG_SOC_NRF5340_CPUNET=y\n");

	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	struct fl_model m = { 0 };
	struct fl_layout_opts o = { .build_dir = root };
	ck_assert_int_eq(fl_layout_load(&run, &m, &o), 0);
	ck_assert_ptr_null(image(&m, "app")->domain);
	ck_assert_str_eq(image(&m, "net")->domain, "CPUNET");
	const struct fl_partition *p = fl_model_partition(&m, "CPUNET", "app");
	ck_assert_uint_eq(p->address, 0x1000000);
	fl_run_free(&run);
}
END_TEST

START_TEST(not_a_build_directory)
{
	char path[300];
	snprintf(path, sizeof(path), "%s/nothing-here", root);
	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	struct fl_model m = { 0 };
	struct fl_layout_opts o = { .build_dir = path };
	ck_assert_int_eq(fl_layout_load(&run, &m, &o), -FL_ENOINPUT);
	ck_assert(run.input_failed);
	ck_assert_int_eq(run.diags.v.v[0]->rule, FL_RULE_INP001);

	/* an existing but empty directory: nothing to analyse */
	struct fl_model m2 = { 0 };
	o.build_dir = root;
	ck_assert_int_eq(fl_layout_load(&run, &m2, &o), -FL_ENOINPUT);
	fl_run_free(&run);
}
END_TEST

/* --image NAME=DIR and --dts without a build directory; --image replaces a
 * discovered image of the same name. */
START_TEST(named_images_and_dts)
{
	static const char dts[] =
		"/dts-v1/;\n/ {\n\t#address-cells = < 0x1 >;\n\t#size-cells = < 0x1 >;\n\tchosen {\n\t\tzephyr,flash = &flash0;\n\t};\n"
		"\tflash0: flash@0 {\n\t\tcompatible = \"soc-nv-flash\";\n"
		"\t\treg = < 0x0 0x80000 >;\n\t\terase-block-size = < 0x1000 >;\n\t};\n};\n";
	put("app.dts", dts);
	put("boot/zephyr/.config", "CONFIG_MCUBOOT=y\nCONFIG_BOOT_UPGRADE_ONLY=y\n");
	put("boot/zephyr/zephyr.map", map);
	put("build/mcuboot/zephyr/.config", "CONFIG_MCUBOOT=y\n");
	char app_dts[300], boot[300], boot_z[300], build[300];
	snprintf(app_dts, sizeof(app_dts), "%s/app.dts", root);
	snprintf(boot, sizeof(boot), "%s/boot", root);
	snprintf(boot_z, sizeof(boot_z), "%s/boot/zephyr", root);
	snprintf(build, sizeof(build), "%s/build", root);

	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	struct fl_model m = { 0 };
	const char *names[] = { "mcuboot" }, *dirs[] = { boot };
	struct fl_layout_opts o = { .dts = app_dts, .image_names = names, .image_dirs = dirs,
				    .n_images = 1 };
	ck_assert_int_eq(fl_layout_load(&run, &m, &o), 0);
	ck_assert_uint_eq(m.images.n, 2);
	const struct fl_image *mb = image(&m, "mcuboot"), *app = image(&m, "app");
	ck_assert_ptr_nonnull(mb);
	ck_assert_int_eq(mb->role, FL_IMG_MCUBOOT);
	ck_assert_uint_eq(mb->regions.n, 1);
	ck_assert_ptr_nonnull(app);
	ck_assert_str_eq(app->dt.path, app_dts);
	ck_assert_uint_eq(app->devices.n, 1);
	ck_assert_uint_eq(app->devices.v[0].size, 0x80000);
	ck_assert_int_eq(app->flash_dev, 0);

	/* DIR may be the zephyr/ directory itself; it replaces build/mcuboot. */
	struct fl_model m2 = { 0 };
	dirs[0] = boot_z;
	struct fl_layout_opts o2 = { .build_dir = build, .image_names = names, .image_dirs = dirs,
				     .n_images = 1 };
	ck_assert_int_eq(fl_layout_load(&run, &m2, &o2), 0);
	ck_assert_uint_eq(m2.images.n, 1);
	ck_assert_uint_eq(image(&m2, "mcuboot")->regions.n, 1);
	ck_assert(fl_kconfig_is_y(&image(&m2, "mcuboot")->kconfig, "CONFIG_BOOT_UPGRADE_ONLY"));

	/* TF-M's secure image beside the application: <image>/tfm/bin/tfm_s.map. */
	put("build/zephyr/.config", "CONFIG_BUILD_WITH_TFM=y\n");
	put("build/tfm/bin/tfm_s.map", map);
	struct fl_model m4 = { 0 };
	struct fl_layout_opts o4 = { .build_dir = build };
	ck_assert_int_eq(fl_layout_load(&run, &m4, &o4), 0);
	const struct fl_image *tfm = image(&m4, "tfm");
	ck_assert_ptr_nonnull(tfm);
	ck_assert_int_eq(tfm->role, FL_IMG_OTHER);
	ck_assert_uint_eq(tfm->regions.n, 1);
	ck_assert_ptr_nonnull(strstr(tfm->map_path, "/tfm/bin/tfm_s.map"));
	ck_assert_ptr_nonnull(image(&m4, "app"));

	/* A directory with no image files is an input error. */
	struct fl_model m3 = { 0 };
	dirs[0] = root;
	ck_assert_int_eq(fl_layout_load(&run, &m3, &o), -FL_ENOINPUT);
	ck_assert(run.input_failed);
	fl_run_free(&run);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("layout");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, child_images_and_pm_static);
	tcase_add_test(tc, sysbuild_domains);
	tcase_add_test(tc, failed_link_reads_stage_map);
	tcase_add_test(tc, net_core_domain);
	tcase_add_test(tc, not_a_build_directory);
	tcase_add_test(tc, named_images_and_dts);
	suite_add_tcase(s, tc);
	return fl_test_main(s);
}
