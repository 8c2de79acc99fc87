// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer harness for the rules data files: built once with FUZZ_DATA_FILE
 * "flash-drivers.yml" and once with "soc-xip.yml". Each input becomes that file of
 * a data directory whose other file is the one shipped in rules/data, and the
 * directory is loaded; every entry kept must be whole. See README.md.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flashlint/catalogue.h"
#include "flashlint/data.h"
#include "fuzz.h"

#if !defined(FUZZ_DATA_FILE) || !defined(FUZZ_DATA_DIR)
#error "FUZZ_DATA_FILE names the file the input becomes, FUZZ_DATA_DIR the shipped data"
#endif

/* Copy the shipped files into the private directory once. */
static void fuzz_tree(void)
{
	static bool made;
	static const char *const names[] = { "flash-drivers.yml", "soc-xip.yml" };
	if (made)
		return;
	made = true;
	fuzz_mkdir("data");
	for (size_t i = 0; i < 2; i++) {
		char src[512], rel[64];
		snprintf(src, sizeof(src), "%s/%s", FUZZ_DATA_DIR, names[i]);
		snprintf(rel, sizeof(rel), "data/%s", names[i]);
		FILE *f = fopen(src, "rb");
		static char buf[1 << 16];
		size_t n = f ? fread(buf, 1, sizeof(buf), f) : 0;
		if (!f || n == sizeof(buf))
			abort();
		fclose(f);
		fuzz_file(rel, buf, n);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_tree();
	fuzz_file("data/" FUZZ_DATA_FILE, data, size);
	struct fl_run run;
	if (fl_run_init(&run, &fl_catalogue) != 0)
		return 0;
	struct fl_data d;
	memset(&d, 0xa5, sizeof(d)); /* fl_data_load clears it first */
	int rc = fl_data_load(&run, &d, fuzz_path("data"));
	if (rc != 0 && rc != -FL_EIO && rc != -FL_EFORMAT)
		abort();
	for (size_t i = 0; i < d.drivers.n; i++) {
		const struct fl_flash_driver *e = &d.drivers.v[i];
		if (!e->compatible || !e->pos.line || fl_data_driver(&d, e->compatible) == NULL)
			abort();
		for (size_t k = 0; k < e->kconfig.n; k++)
			if (!e->kconfig.v[k])
				abort();
	}
	for (size_t i = 0; i < d.socs.n; i++) {
		const struct fl_soc *s = &d.socs.v[i];
		if (!s->name || !s->pos.line)
			abort();
		for (size_t k = 0; k < s->windows.n; k++) {
			uint64_t end;
			if (!s->windows.v[k].name || !fl_add_ok(s->windows.v[k].base, s->windows.v[k].size, &end))
				abort();
		}
	}
	fl_run_free(&run);
	return 0;
}
