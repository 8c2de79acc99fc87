// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer harness for the rules data files: built once with FUZZ_DATA_FILE
 * "flash-drivers.yml" and once with "soc-xip.yml". Each input becomes that file of
 * a data directory whose other file holds one valid entry, and the directory is
 * loaded; every entry kept must be whole. See README.md.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flashlint/catalogue.h"
#include "flashlint/data.h"
#include "fuzz.h"

#ifndef FUZZ_DATA_FILE
#error "FUZZ_DATA_FILE names the file the input becomes"
#endif

/*
 * The two files are read independently, so the one not under test is a one-entry
 * file written once: reading the shipped one again for every input would only
 * slow the campaign down.
 */
static const char fuzz_drivers[] = "drivers:\n"
				   "  - compatible: jedec,spi-nor\n"
				   "    kconfig: [CONFIG_SPI_NOR]\n"
				   "    xip: false\n"
				   "    sources: [spi_nor.c]\n";
static const char fuzz_socs[] = "socs:\n"
				"  - name: nrf52840\n"
				"    kconfig: [CONFIG_SOC_NRF52840]\n"
				"    windows:\n"
				"      - name: qspi_mm\n"
				"        base: 0x12000000\n"
				"        size: 0x8000000\n"
				"        controller: nordic,nrf-qspi\n";

static void fuzz_tree(void)
{
	static bool made;
	if (made)
		return;
	made = true;
	fuzz_mkdir("data");
	fuzz_file("data/flash-drivers.yml", fuzz_drivers, sizeof(fuzz_drivers) - 1);
	fuzz_file("data/soc-xip.yml", fuzz_socs, sizeof(fuzz_socs) - 1);
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
