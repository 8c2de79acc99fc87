// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the ELF reader: each input becomes an in-memory file that
// fl_elf_read() reads by path, exactly as a build's zephyr.elf would be. Not built
// by CMake. From the source root:
//
//   clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -std=gnu11 -Iinclude tests/fuzz/fuzz_elf.c src/readers/elf.c src/core/*.c rules/table.c -lelf -o fuzz_elf
//   mkdir -p /tmp/fuzz-elf && ./fuzz_elf -max_total_time=60 /tmp/fuzz-elf SEEDS
//
// SEEDS: a directory holding a few ELF files, e.g. tests/data/elf/fixture.c linked
// as check_elf links it. New inputs go to the first directory only.
#define _GNU_SOURCE /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "flashlint/catalogue.h"
#include "flashlint/readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz_elf", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size)
		goto out;
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	struct fl_run run;
	if (fl_run_init(&run, &fl_catalogue) == 0) {
		struct fl_image img = { 0 };
		fl_elf_read(&run, &img, path);
		fl_run_free(&run);
	}
out:
	close(fd);
	return 0;
}
