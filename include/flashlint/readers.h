/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The readers: each translates one file format into model objects, recording the
 * position of everything it reads. Readers never print and never exit: a file that
 * cannot be read becomes an INP001 diagnostic (fl_inp) and the run goes on.
 * Return values: 0 when the file was read (possibly with diagnostics for parts of
 * it), -FL_EIO / -FL_EFORMAT when nothing usable came out of it.
 */
#ifndef FLASHLINT_READERS_H
#define FLASHLINT_READERS_H

#include "flashlint/model.h"

/* ---- ELF (libelf) -------------------------------------------------------------
 * Sections (name, type, flags, address, size) with their LMA from the PT_LOAD
 * segment that holds them, PT_LOAD segments, and the symbol table. Must be called
 * before fl_ldmap_read() for the same image.
 */
bool fl_elf_probe(const char *buf, size_t len);
int fl_elf_read(struct fl_run *run, struct fl_image *img, const char *path);

/* ---- GNU ld / LLVM lld -Map files ----------------------------------------------
 * Memory Configuration, output sections (VMA, size, load address), input sections
 * with their owner, *fill*, symbols. Reads maps of failed links (cut short) too.
 * When img already has sections from the ELF, map sections are merged into them by
 * name (setting from_map, pos, map_* and inputs); otherwise they are added with
 * flags inferred from names (non-alloc debug sections, NOBITS bss/noinit).
 * Symbols from the map are added only when img has no symbols yet.
 */
bool fl_ldmap_probe(const char *buf, size_t len);
int fl_ldmap_read(struct fl_run *run, struct fl_image *img, const char *path);
/* The same on a buffer already in memory (path is used for positions only). */
int fl_ldmap_parse(struct fl_run *run, struct fl_image *img, const char *path,
		   const char *buf, size_t len);

/* ---- Partition Manager YAML (libyaml) -----------------------------------------
 * kind FL_IN_PM_PARTITIONS / FL_IN_PM_STATIC fill m->partitions / m->static_partitions,
 * FL_IN_PM_REGIONS fills m->pm_regions. `domain` (NULL = default) is recorded on
 * every object. Every partition keeps the line of its key.
 */
int fl_pm_read(struct fl_run *run, struct fl_model *m, const char *path,
	       enum fl_input_kind kind, const char *domain);

/* ---- devicetree → devices and partitions -----------------------------------------
 * From img->dt (read with fl_dts_read()): the flash devices (soc-nv-flash and
 * external NOR chips, with sizes in bytes, erase and write block sizes, the XIP
 * window of their controller), the fixed-partitions of each (CPU addresses for
 * memory-mapped flash, device offsets otherwise), the chosen zephyr,flash and
 * zephyr,code-partition.
 */
void fl_dt_devices(struct fl_run *run, struct fl_image *img);

/* The "Node dependency ordering (ordinal and path)" table at the top of Zephyr's
 * devicetree_generated.h into img->dt_ords: ordinals from 0 up, one a line, until
 * the comment's empty line. Returns 0, or -FL_EIO / -FL_EFORMAT with an INP001
 * (a file without the table, an empty one, a line that is no entry); the entries
 * before a bad line are kept. */
int fl_dt_ordinals_read(struct fl_run *run, struct fl_image *img, const char *path);

/* ---- MCUboot-signed images (.bin, Intel .hex) ------------------------------------
 * The image header (magic 0x96f3b83d, either byte order) and the TLV areas (0x6908
 * protected, 0x6907) of a signed image into img->signed_image. An Intel hex file
 * is read exactly (checksums, extended addresses) and its bytes taken from its
 * lowest address. */
int fl_signed_read(struct fl_run *run, struct fl_image *img, const char *path);

/* ---- Kconfig .config ------------------------------------------------------------ */
int fl_kconfig_read(struct fl_run *run, struct fl_kconfig *k, const char *path);

#endif
