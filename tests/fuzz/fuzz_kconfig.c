// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the Kconfig .config reader and its lookups: each input is
// read from an in-memory file, then every symbol it defined is looked up again.
// Not built by CMake. From the source root:
//
//   clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -std=gnu11 -Iinclude tests/fuzz/fuzz_kconfig.c src/readers/kconfig.c src/core/*.c rules/table.c -o fuzz_kconfig
//   mkdir -p /tmp/fuzz-kconfig && ./fuzz_kconfig -max_total_time=60 /tmp/fuzz-kconfig tests/data/kconfig
//
// New inputs go to the first directory only.
#define _GNU_SOURCE /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "flashlint/catalogue.h"
#include "flashlint/readers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz_kconfig", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size)
		goto out;
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	struct fl_run run;
	if (fl_run_init(&run, &fl_catalogue) == 0) {
		struct fl_kconfig k = { 0 };
		fl_kconfig_read(&run, &k, path);
		/* The index must find what the reader stored, and the last definition. */
		for (size_t i = 0; i < k.v.n; i++) {
			const struct fl_kconfig_entry *e = &k.v.v[i];
			const struct fl_kconfig_entry *got = fl_kconfig_get(&k, e->name);
			if (!got || got < e)
				abort();
			uint64_t v;
			fl_kconfig_u64(&k, e->name, &v);
			fl_kconfig_is_y(&k, e->name);
			if (fl_kconfig_pos(&k, e->name).line != got->line)
				abort();
		}
		fl_run_free(&run);
	}
out:
	close(fd);
	return 0;
}
