// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer harness for the build-directory files read by the layout: built once
 * with FUZZ_LAYOUT_FILE "domains.yaml" and once with "CMakeCache.txt". Each input
 * becomes that file of a small sysbuild build directory (an application, MCUboot,
 * partitions.yml, a pm_static.yml in a source directory), which is then read,
 * frozen and checked by every rule as `flashlint check` does. "@SRC@" in an input
 * stands for the source directory's path. See README.md.
 */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flashlint/catalogue.h"
#include "flashlint/layout.h"
#include "flashlint/rules.h"
#include "fuzz.h"

#ifndef FUZZ_LAYOUT_FILE
#error "FUZZ_LAYOUT_FILE names the file the input becomes"
#endif

static const char fuzz_domains[] = "default: app\n"
				   "build_dir: /b\n"
				   "domains:\n"
				   "  - name: app\n"
				   "    build_dir: /b/app\n"
				   "  - name: mcuboot\n"
				   "    build_dir: /b/mcuboot\n";
static const char fuzz_partitions[] = "app:\n"
				      "  address: 0xc000\n"
				      "  end_address: 0x80000\n"
				      "  region: flash_primary\n"
				      "  size: 0x74000\n"
				      "mcuboot:\n"
				      "  address: 0x0\n"
				      "  end_address: 0xc000\n"
				      "  region: flash_primary\n"
				      "  size: 0xc000\n";
static const char fuzz_static[] = "mcuboot:\n"
				  "  address: 0x0\n"
				  "  size: 0xc000\n"
				  "  region: flash_primary\n";

static void fuzz_tree(void)
{
	static bool made;
	if (made)
		return;
	made = true;
	fuzz_mkdir("b");
	fuzz_mkdir("b/zephyr");
	fuzz_mkdir("b/app");
	fuzz_mkdir("b/app/zephyr");
	fuzz_mkdir("b/mcuboot");
	fuzz_mkdir("b/mcuboot/zephyr");
	fuzz_mkdir("src");
	static const char sb[] = "SB_CONFIG_BOOTLOADER_MCUBOOT=y\n";
	static const char app[] = "CONFIG_FLASH_SIZE=1024\nCONFIG_FLASH_BASE_ADDRESS=0x0\n"
				  "CONFIG_PARTITION_MANAGER_ENABLED=y\n";
	static const char boot[] = "CONFIG_MCUBOOT=y\nCONFIG_FLASH_SIZE=1024\n";
	fuzz_file("b/zephyr/.config", sb, sizeof(sb) - 1);
	fuzz_file("b/app/zephyr/.config", app, sizeof(app) - 1);
	fuzz_file("b/mcuboot/zephyr/.config", boot, sizeof(boot) - 1);
	fuzz_file("b/partitions.yml", fuzz_partitions, sizeof(fuzz_partitions) - 1);
	fuzz_file("src/pm_static.yml", fuzz_static, sizeof(fuzz_static) - 1);
	fuzz_file("b/domains.yaml", fuzz_domains, sizeof(fuzz_domains) - 1);
	fuzz_file("b/CMakeCache.txt", "", 0);
}

/* data with every "@SRC@" replaced by the source directory's path (malloc'ed). */
static char *fuzz_expand(const uint8_t *data, size_t size, size_t *out_len)
{
	const char *src = fuzz_path("src");
	size_t sl = strlen(src), n = 0;
	for (const uint8_t *p = data; (p = memmem(p, size - (size_t)(p - data), "@SRC@", 5)); p += 5)
		n++;
	char *out = malloc(size + n * sl + 1), *o = out;
	if (!out)
		abort();
	for (size_t i = 0; i < size;) {
		if (size - i >= 5 && !memcmp(data + i, "@SRC@", 5)) {
			memcpy(o, src, sl);
			o += sl;
			i += 5;
		} else {
			*o++ = (char)data[i++];
		}
	}
	*out_len = (size_t)(o - out);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_tree();
	size_t len;
	char *text = fuzz_expand(data, size, &len);
	fuzz_file("b/" FUZZ_LAYOUT_FILE, text, len);
	free(text);

	struct fl_run run;
	if (fl_run_init(&run, &fl_catalogue) != 0)
		return 0;
	struct fl_model m = { 0 };
	struct fl_layout_opts o = { .build_dir = fuzz_path("b") };
	int rc = fl_layout_load(&run, &m, &o);
	if (rc != 0 && rc != -FL_ENOINPUT)
		abort();
	size_t apps = 0;
	for (size_t i = 0; i < m.images.n; i++) {
		if (!m.images.v[i]->name)
			abort();
		apps += m.images.v[i]->role == FL_IMG_APP;
	}
	if (apps > 1)
		abort();
	fl_model_freeze(&run, &m);
	fl_rules_run(&run, &m);
	fl_diags_finish(&run);
	fl_run_free(&run);
	return 0;
}
