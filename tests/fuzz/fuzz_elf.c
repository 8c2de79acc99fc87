// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer harness for the ELF reader: each input becomes a file that fl_elf_read()
 * reads by path, exactly as a build's zephyr.elf would be; the compiled flash map it
 * keeps must hold its count of entries, each device entry naming a kept device.
 * See README.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "flashlint/catalogue.h"
#include "flashlint/readers.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("zephyr.elf", data, size);
	struct fl_run run;
	if (fl_run_init(&run, &fl_catalogue) == 0) {
		struct fl_image img = { 0 };
		fl_elf_read(&run, &img, path);
		const struct fl_flash_map *fm = &img.flash_map;
		if (fm->symbol && fm->v.n != fm->count)
			abort();
		for (size_t i = 0; i < fm->v.n; i++) {
			const struct fl_flash_area *a = &fm->v.v[i];
			if ((a->dev_kind == FL_FA_DEV_DEVICE) !=
			    (a->device >= 0 && (size_t)a->device < img.elf_devices.n))
				abort();
		}
		fl_run_free(&run);
	}
	return 0;
}
