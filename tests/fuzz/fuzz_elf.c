// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer harness for the ELF reader: each input becomes a file that fl_elf_read()
 * reads by path, exactly as a build's zephyr.elf would be. See README.md.
 */
#include <stdint.h>
#include <stdio.h>
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
		fl_run_free(&run);
	}
	return 0;
}
