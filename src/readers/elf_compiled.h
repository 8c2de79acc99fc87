/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to the ELF reader: what elf.c hands to elf_compiled.c so that the flash map
 * and the device instances are decoded while the ELF is open once. Not a public API.
 */
#ifndef FLASHLINT_READERS_ELF_COMPILED_H
#define FLASHLINT_READERS_ELF_COMPILED_H

#include <gelf.h>

#include "flashlint/readers.h"

/* A symbol elf.c set aside while reading the symbol table. */
struct elf_sym_ref {
	const char *name;  /* in the run's arena */
	uint64_t value;
	uint64_t size;
	size_t shndx;      /* its section (extended index resolved); 0 when none */
};

/* True for the names elf_compiled_read() wants: __device_*, default_flash_map,
 * pm_flash_map, flash_map_entries. */
bool elf_compiled_wants(const char *name, unsigned type);

/* Decode img->elf_devices and img->flash_map from the open ELF. A flash map that
 * cannot be decoded is an INP001 on path; returns true when it was damaged. */
bool elf_compiled_read(struct fl_run *run, struct fl_image *img, const char *path, Elf *elf,
		       const struct elf_sym_ref *refs, size_t n);

#endif
