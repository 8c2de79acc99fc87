// SPDX-License-Identifier: Apache-2.0
/*
 * flashlint's data files: the real rules/data loads without diagnostics and holds
 * the driver and XIP-window facts the rules rely on; a data directory of the
 * tests' own adds a chip with no code change; every malformed file is exactly one
 * INP001 at its line and column; fl_data_dir() prefers --data, then the installed
 * data, then the source tree (this suite builds data.c with directories of its
 * own, see tests/CMakeLists.txt).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashlint/data.h"
#include "check_util.h"

#define REAL_DATA FL_SOURCE_DIR "/rules/data"
#define TEST_DATA FL_TEST_DATA "/data"

static struct fl_run run;
static struct fl_data data;

static void setup(void)
{
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	memset(&data, 0, sizeof(data));
}

static void teardown(void)
{
	fl_run_free(&run);
}

static size_t count_inp(void)
{
	return fl_test_count_inp(&run);
}

static const struct fl_soc *soc_named(const char *name)
{
	fl_vec_for_each(&data.socs, s)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

START_TEST(test_real_drivers)
{
	ck_assert_int_eq(fl_data_load(&run, &data, REAL_DATA), 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_str_eq(data.dir, REAL_DATA);
	ck_assert_uint_eq(data.drivers.n, 19);

	const struct fl_flash_driver *d = fl_data_driver(&data, "nordic,qspi-nor");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->compatible, "nordic,qspi-nor");
	ck_assert_uint_eq(d->kconfig.n, 1);
	ck_assert_str_eq(d->kconfig.v[0], "CONFIG_NORDIC_QSPI_NOR");
	ck_assert(d->xip);
	ck_assert_str_eq(d->xip_kconfig, "CONFIG_NORDIC_QSPI_NOR_XIP");
	ck_assert_uint_eq(d->sources.n, 2);
	ck_assert_str_eq(d->sources.v[0], "nrf_qspi_nor.c");
	ck_assert_str_eq(d->sources.v[1], "nrfx_qspi.c");
	ck_assert_str_eq(d->page_kconfig, "CONFIG_NORDIC_QSPI_NOR_FLASH_LAYOUT_PAGE_SIZE");
	ck_assert_uint_eq(d->page_default, 65536);
	ck_assert(ends_with(d->pos.file, "/rules/data/flash-drivers.yml"));
	ck_assert_uint_gt(d->pos.line, 0);

	d = fl_data_driver(&data, "jedec,spi-nor");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->kconfig.v[0], "CONFIG_SPI_NOR");
	ck_assert(!d->xip);
	ck_assert_ptr_null(d->xip_kconfig);
	ck_assert_uint_eq(d->sources.n, 1);
	ck_assert_str_eq(d->sources.v[0], "spi_nor.c");
	ck_assert_str_eq(d->page_kconfig, "CONFIG_SPI_NOR_FLASH_LAYOUT_PAGE_SIZE");
	ck_assert_uint_eq(d->page_default, 65536);

	d = fl_data_driver(&data, "nxp,imx-flexspi-nor");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->kconfig.v[0], "CONFIG_FLASH_MCUX_FLEXSPI_NOR");
	ck_assert(d->xip);
	ck_assert_str_eq(d->xip_kconfig, "CONFIG_FLASH_MCUX_FLEXSPI_XIP");
	ck_assert_uint_eq(d->sources.n, 3);
	ck_assert_str_eq(d->sources.v[0], "flash_mcux_flexspi_nor.c");
	ck_assert_ptr_null(d->page_kconfig);
	ck_assert_uint_eq(d->page_default, 0);

	d = fl_data_driver(&data, "jedec,mspi-nor");
	ck_assert_ptr_nonnull(d);
	ck_assert(d->xip);
	ck_assert_ptr_null(d->xip_kconfig); /* written as ~ */

	static const char *const sym[][2] = {
		{ "st,stm32-qspi-nor", "CONFIG_FLASH_STM32_QSPI" },
		{ "st,stm32-ospi-nor", "CONFIG_FLASH_STM32_OSPI" },
		{ "st,stm32-xspi-nor", "CONFIG_FLASH_STM32_XSPI" },
		{ "nxp,s32-qspi-nor", "CONFIG_FLASH_NXP_S32_QSPI_NOR" },
		{ "espressif,esp32-flash-controller", "CONFIG_SOC_FLASH_ESP32" },
		{ "atmel,at45", "CONFIG_SPI_FLASH_AT45" },
		{ "renesas,ra-qspi-nor", "CONFIG_FLASH_RENESAS_RA_QSPI" },
		{ "renesas,ra-ospi-b-nor", "CONFIG_FLASH_RENESAS_RA_OSPI_B" },
		{ "infineon,qspi-flash", "CONFIG_INFINEON_CAT1_QSPI_FLASH" },
		{ "nordic,nrf51-flash-controller", "CONFIG_SOC_FLASH_NRF" },
		{ "nordic,nrf52-flash-controller", "CONFIG_SOC_FLASH_NRF" },
		{ "nordic,nrf53-flash-controller", "CONFIG_SOC_FLASH_NRF" },
		{ "nordic,nrf91-flash-controller", "CONFIG_SOC_FLASH_NRF" },
		{ "nordic,rram-controller", "CONFIG_SOC_FLASH_NRF_RRAM" },
		{ "zephyr,sim-flash", "CONFIG_FLASH_SIMULATOR" },
	};
	for (size_t i = 0; i < sizeof(sym) / sizeof(sym[0]); i++) {
		d = fl_data_driver(&data, sym[i][0]);
		ck_assert_msg(d != NULL, "no entry for %s", sym[i][0]);
		ck_assert_uint_eq(d->kconfig.n, 1);
		ck_assert_str_eq(d->kconfig.v[0], sym[i][1]);
		ck_assert_uint_ge(d->sources.n, 1);
	}
	ck_assert_str_eq(fl_data_driver(&data, "st,stm32-qspi-nor")->sources.v[0], "flash_stm32_qspi.c");
	ck_assert_str_eq(fl_data_driver(&data, "st,stm32-ospi-nor")->sources.v[0], "flash_stm32_ospi.c");
	ck_assert_str_eq(fl_data_driver(&data, "st,stm32-xspi-nor")->sources.v[0], "flash_stm32_xspi.c");

	ck_assert_ptr_null(fl_data_driver(&data, "nordic,qspi"));
	ck_assert_ptr_null(fl_data_driver(&data, NULL));
	ck_assert_ptr_null(fl_data_driver(NULL, "nordic,qspi-nor"));
}
END_TEST

START_TEST(test_real_socs)
{
	ck_assert_int_eq(fl_data_load(&run, &data, REAL_DATA), 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_uint_eq(data.socs.n, 7);

	const struct fl_soc *s = soc_named("nrf5340_cpuapp");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->kconfig.n, 2);
	ck_assert_str_eq(s->kconfig.v[0], "CONFIG_SOC_NRF5340_CPUAPP");
	ck_assert_str_eq(s->kconfig.v[1], "CONFIG_SOC_NRF5340_CPUAPP_QKAA");
	ck_assert_uint_eq(s->windows.n, 1);
	ck_assert_str_eq(s->windows.v[0].name, "qspi_mm");
	ck_assert_uint_eq(s->windows.v[0].base, 0x10000000);
	ck_assert_uint_eq(s->windows.v[0].size, 0x10000000);
	ck_assert_str_eq(s->windows.v[0].controller, "nordic,nrf-qspi");
	ck_assert(ends_with(s->windows.v[0].pos.file, "/rules/data/soc-xip.yml"));

	s = soc_named("nrf52840");
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->kconfig.v[0], "CONFIG_SOC_NRF52840");
	ck_assert_str_eq(s->kconfig.v[1], "CONFIG_SOC_NRF52840_QIAA");
	ck_assert_uint_eq(s->windows.v[0].base, 0x12000000);
	ck_assert_uint_eq(s->windows.v[0].size, 0x8000000);

	s = soc_named("mimxrt1052");
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->kconfig.v[0], "CONFIG_SOC_MIMXRT1052");
	ck_assert_uint_eq(s->windows.v[0].base, 0x60000000);
	ck_assert_uint_eq(s->windows.v[0].size, 0x1f800000); /* 504 MB */
	ck_assert_str_eq(s->windows.v[0].controller, "nxp,imx-flexspi");

	s = soc_named("mimxrt106x");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->windows.n, 2);
	ck_assert_uint_eq(s->windows.v[0].size, 0x10000000);
	ck_assert_str_eq(s->windows.v[1].name, "flexspi2");
	ck_assert_uint_eq(s->windows.v[1].base, 0x70000000);
	ck_assert_uint_eq(s->windows.v[1].size, 0xf000000);

	s = soc_named("stm32f7");
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->kconfig.v[0], "CONFIG_SOC_SERIES_STM32F7X");
	ck_assert_uint_eq(s->windows.v[0].base, 0x90000000);
	ck_assert_uint_eq(s->windows.v[0].size, 0x10000000);
	ck_assert_str_eq(s->windows.v[0].controller, "st,stm32-qspi");
	ck_assert_ptr_nonnull(soc_named("mimxrt1021"));
	ck_assert_ptr_nonnull(soc_named("stm32h743_h753"));
}
END_TEST

/* A chip the real data does not know, from a directory of the tests' own. */
START_TEST(test_own_data_dir)
{
	ck_assert_int_eq(fl_data_load(&run, &data, TEST_DATA), 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_uint_eq(data.drivers.n, 2);
	ck_assert_uint_eq(data.socs.n, 1);

	const struct fl_flash_driver *d = fl_data_driver(&data, "nxp,imx-flexspi-hyperflash");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->kconfig.v[0], "CONFIG_FLASH_MCUX_FLEXSPI_HYPERFLASH");
	ck_assert(d->xip);
	ck_assert_str_eq(d->xip_kconfig, "CONFIG_FLASH_MCUX_FLEXSPI_XIP");
	ck_assert_uint_eq(d->sources.n, 2);
	ck_assert_str_eq(d->sources.v[1], "memc_mcux_flexspi.c");
	ck_assert_ptr_null(d->page_kconfig);
	ck_assert_str_eq(d->pos.file, TEST_DATA "/flash-drivers.yml");
	ck_assert_uint_eq(d->pos.line, 5);
	ck_assert_uint_eq(d->pos.col, 5);

	d = fl_data_driver(&data, "vendor,spi-dataflash"); /* quoted in the file */
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->kconfig.n, 2);
	ck_assert_str_eq(d->kconfig.v[1], "CONFIG_VENDOR_DATAFLASH_LEGACY");
	ck_assert(!d->xip);
	ck_assert_ptr_null(d->xip_kconfig);
	ck_assert_uint_eq(d->sources.n, 0);
	ck_assert_str_eq(d->page_kconfig, "CONFIG_VENDOR_DATAFLASH_PAGE_SIZE");
	ck_assert_uint_eq(d->page_default, 4096);
	ck_assert_uint_eq(d->pos.line, 11);
	ck_assert_ptr_null(fl_data_driver(&data, "nordic,qspi-nor"));

	const struct fl_soc *s = soc_named("test_soc");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->pos.line, 4);
	ck_assert_uint_eq(s->kconfig.n, 2);
	ck_assert_uint_eq(s->windows.n, 2);
	ck_assert_uint_eq(s->windows.v[0].base, 0x60000000);
	ck_assert_uint_eq(s->windows.v[0].size, 0x4000000);
	ck_assert_uint_eq(s->windows.v[1].base, 0x70000000);
	ck_assert_uint_eq(s->windows.v[1].size, 0x1000000);
	ck_assert_str_eq(s->windows.v[1].controller, "vendor,octal-ctrl");
	ck_assert_str_eq(s->windows.v[1].pos.file, TEST_DATA "/soc-xip.yml");
	ck_assert_uint_eq(s->windows.v[1].pos.line, 11);
	ck_assert_uint_eq(s->windows.v[1].pos.col, 9);
}
END_TEST

/* ---- malformed files ----------------------------------------------------------- */

#define DRIVERS_OK                                                                         \
	"drivers:\n"                                                                       \
	"  - compatible: vendor,chip\n"                                                    \
	"    kconfig: [CONFIG_CHIP]\n"                                                     \
	"    xip: false\n"                                                                 \
	"    sources: [chip.c]\n"

#define SOCS_OK                                                                            \
	"socs:\n"                                                                          \
	"  - name: soc\n"                                                                  \
	"    kconfig: [CONFIG_SOC_X]\n"                                                    \
	"    windows:\n"                                                                   \
	"      - name: xip\n"                                                              \
	"        base: 0x10000000\n"                                                       \
	"        size: 0x1000\n"                                                           \
	"        controller: vendor,ctrl\n"

/* A driver entry whose last lines vary; the entry starts on line 2. */
#define DRV(tail)                                                                          \
	"drivers:\n"                                                                       \
	"  - compatible: vendor,chip\n"                                                    \
	"    kconfig: [CONFIG_CHIP]\n" tail

/* A window whose last lines vary; the window starts on line 5. */
#define WIN(tail)                                                                          \
	"socs:\n"                                                                          \
	"  - name: soc\n"                                                                  \
	"    kconfig: [CONFIG_SOC_X]\n"                                                    \
	"    windows:\n"                                                                   \
	"      - name: xip\n" tail

struct bad_case {
	const char *name;
	const char *drivers;   /* flash-drivers.yml, NULL: DRIVERS_OK */
	const char *socs;      /* soc-xip.yml, NULL: SOCS_OK */
	const char *file;      /* the file the INP001 is in */
	uint32_t line, col;
	const char *msg;       /* a part of its message */
};

static const struct bad_case bad_cases[] = {
	{ "unknown key", DRV("    xip: false\n    sources: []\n    xip_kconfg: CONFIG_X\n"), NULL,
	  "flash-drivers.yml", 6, 5,
	  "driver 'vendor,chip': unknown key 'xip_kconfg': expected compatible, kconfig, xip" },
	{ "kconfig not a list",
	  "drivers:\n  - compatible: vendor,chip\n    kconfig: CONFIG_CHIP\n    xip: false\n    sources: []\n",
	  NULL, "flash-drivers.yml", 3, 14,
	  "'kconfig' is 'CONFIG_CHIP': expected a list of at least one CONFIG_ symbol" },
	{ "missing kconfig",
	  "drivers:\n  - compatible: vendor,chip\n    xip: false\n    sources: []\n", NULL,
	  "flash-drivers.yml", 2, 5,
	  "driver 'vendor,chip' has no 'kconfig': expected a list of the CONFIG_ symbols" },
	{ "kconfig empty value",
	  "drivers:\n  - compatible: vendor,chip\n    kconfig:\n    xip: false\n    sources: []\n",
	  NULL, "flash-drivers.yml", 3, 13, "'kconfig' is empty" },
	{ "kconfig empty list",
	  "drivers:\n  - compatible: vendor,chip\n    kconfig: []\n    xip: false\n    sources: []\n",
	  NULL, "flash-drivers.yml", 3, 14, "'kconfig' is an empty list" },
	{ "kconfig not a symbol",
	  "drivers:\n  - compatible: vendor,chip\n    kconfig: [CONFIG_A, NORDIC_QSPI_NOR]\n"
	  "    xip: false\n    sources: []\n",
	  NULL, "flash-drivers.yml", 3, 25,
	  "'kconfig' is 'NORDIC_QSPI_NOR': expected a Kconfig symbol" },
	{ "xip not a boolean", DRV("    xip: yes\n    sources: []\n"), NULL, "flash-drivers.yml", 4, 10,
	  "'xip' is 'yes': expected true or false" },
	{ "xip quoted", DRV("    xip: \"true\"\n    sources: []\n"), NULL, "flash-drivers.yml", 4, 10,
	  "'xip' is the quoted string 'true': expected true or false" },
	{ "missing xip", DRV("    sources: []\n"), NULL, "flash-drivers.yml", 2, 5,
	  "has no 'xip': expected true or false" },
	{ "xip_kconfig without xip",
	  DRV("    xip: false\n    xip_kconfig: CONFIG_CHIP_XIP\n    sources: []\n"), NULL,
	  "flash-drivers.yml", 5, 18, "'xip_kconfig' is set but 'xip' is false" },
	{ "xip_kconfig a list", DRV("    xip: true\n    xip_kconfig: [CONFIG_A]\n    sources: []\n"),
	  NULL, "flash-drivers.yml", 5, 18, "'xip_kconfig' is a list: expected a Kconfig symbol" },
	{ "bad number",
	  DRV("    xip: false\n    sources: []\n    page_kconfig: CONFIG_P\n    page_default: 64k\n"),
	  NULL, "flash-drivers.yml", 7, 19,
	  "'page_default' is '64k': expected an integer, decimal without leading zeros or 0x hex" },
	{ "negative number",
	  DRV("    xip: false\n    sources: []\n    page_kconfig: CONFIG_P\n    page_default: -4096\n"),
	  NULL, "flash-drivers.yml", 7, 19, "'page_default' is '-4096': expected an integer" },
	{ "leading zero",
	  DRV("    xip: false\n    sources: []\n    page_kconfig: CONFIG_P\n    page_default: 0100\n"),
	  NULL, "flash-drivers.yml", 7, 19, "'page_default' is '0100': expected an integer" },
	{ "number too big",
	  DRV("    xip: false\n    sources: []\n    page_kconfig: CONFIG_P\n"
	      "    page_default: 0x10000000000000000\n"),
	  NULL, "flash-drivers.yml", 7, 19, "expected an integer that fits in 64 bits" },
	{ "quoted number",
	  DRV("    xip: false\n    sources: []\n    page_kconfig: CONFIG_P\n    page_default: '4096'\n"),
	  NULL, "flash-drivers.yml", 7, 19, "'page_default' is the quoted string '4096'" },
	{ "page size 0",
	  DRV("    xip: false\n    sources: []\n    page_kconfig: CONFIG_P\n    page_default: 0\n"),
	  NULL, "flash-drivers.yml", 7, 19, "'page_default' is 0: expected the page size in bytes" },
	{ "page_kconfig alone", DRV("    xip: false\n    sources: []\n    page_kconfig: CONFIG_P\n"),
	  NULL, "flash-drivers.yml", 6, 5, "'page_kconfig' without 'page_default'" },
	{ "page_default alone", DRV("    xip: false\n    sources: []\n    page_default: 4096\n"), NULL,
	  "flash-drivers.yml", 6, 5, "'page_default' without 'page_kconfig'" },
	{ "duplicate compatible",
	  DRIVERS_OK "  - compatible: vendor,chip\n    kconfig: [CONFIG_OTHER]\n    xip: true\n"
		     "    sources: []\n",
	  NULL, "flash-drivers.yml", 6, 17,
	  "duplicate driver 'vendor,chip' (also on line 2): expected each compatible once" },
	{ "duplicate key", DRV("    xip: false\n    xip: true\n    sources: []\n"), NULL,
	  "flash-drivers.yml", 5, 5, "duplicate key 'xip' (also on line 4): expected each key once" },
	{ "missing compatible",
	  "drivers:\n  - kconfig: [CONFIG_CHIP]\n    xip: false\n    sources: []\n", NULL,
	  "flash-drivers.yml", 2, 5, "driver entry has no 'compatible'" },
	{ "compatible a list",
	  "drivers:\n  - compatible: [a, b]\n    kconfig: [CONFIG_CHIP]\n    xip: false\n"
	  "    sources: []\n",
	  NULL, "flash-drivers.yml", 2, 17, "driver entry: 'compatible' is a list" },
	{ "missing sources", DRV("    xip: false\n"), NULL, "flash-drivers.yml", 2, 5,
	  "has no 'sources'" },
	{ "sources with a directory", DRV("    xip: false\n    sources: [drivers/flash/spi_nor.c]\n"),
	  NULL, "flash-drivers.yml", 5, 15, "'sources' entry 'drivers/flash/spi_nor.c' has a directory" },
	{ "sources a string", DRV("    xip: false\n    sources: spi_nor.c\n"), NULL,
	  "flash-drivers.yml", 5, 14, "'sources' is 'spi_nor.c': expected a list of source file names" },
	{ "entry not a mapping", "drivers:\n  - nordic,qspi-nor\n", NULL, "flash-drivers.yml", 2, 5,
	  "driver entry is 'nordic,qspi-nor': expected a mapping of compatible" },
	{ "document a list", "- compatible: x\n", NULL, "flash-drivers.yml", 1, 1,
	  "the document is a list: expected a mapping with the key 'drivers'" },
	{ "unknown top-level key", DRIVERS_OK "version: 2\n", NULL, "flash-drivers.yml", 6, 1,
	  "flash-drivers.yml: unknown key 'version': expected 'drivers'" },
	{ "drivers not a list", "drivers:\n  compatible: x\n", NULL, "flash-drivers.yml", 2, 3,
	  "'drivers' is a mapping: expected a list of driver entries" },
	{ "no drivers key", "{}\n", NULL, "flash-drivers.yml", 1, 1,
	  "flash-drivers.yml has no 'drivers'" },
	{ "empty file", "", NULL, "flash-drivers.yml", 1, 0,
	  "empty file: expected a mapping with the key 'drivers'" },
	{ "comments only", "# nothing\n", NULL, "flash-drivers.yml", 1, 0, "empty file" },
	{ "syntax error", "drivers:\n  - compatible: [vendor,chip\n", NULL, "flash-drivers.yml", 2, 28,
	  "invalid YAML" },
	{ "alias",
	  "drivers:\n  - &a\n    compatible: vendor,chip\n    kconfig: [CONFIG_CHIP]\n"
	  "    xip: false\n    sources: []\n  - *a\n",
	  NULL, "flash-drivers.yml", 7, 5, "YAML alias '*a': expected the value written out" },
	{ "second document", DRIVERS_OK "---\ndrivers: []\n", NULL, "flash-drivers.yml", 6, 1,
	  "a second YAML document" },
	{ "deep nesting", "drivers: [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]\n", NULL, "flash-drivers.yml", 1,
	  25, "nesting deeper than 16 levels" },

	{ "window size 0", NULL,
	  WIN("        base: 0x10000000\n        size: 0\n        controller: vendor,ctrl\n"),
	  "soc-xip.yml", 7, 15, "SoC 'soc' window 'xip': 'size' is 0" },
	{ "window wraps", NULL,
	  WIN("        base: 0xfffffffffffff000\n        size: 0x2000\n        controller: vendor,ctrl\n"),
	  "soc-xip.yml", 7, 15,
	  "base 0xfffffffffffff000 + size 0x2000 wraps past 2^64" },
	{ "window without controller", NULL, WIN("        base: 0x10000000\n        size: 0x1000\n"),
	  "soc-xip.yml", 5, 9, "SoC 'soc' window 'xip' has no 'controller'" },
	{ "window bad base", NULL,
	  WIN("        base: 0x1000_0000\n        size: 0x1000\n        controller: vendor,ctrl\n"),
	  "soc-xip.yml", 6, 15, "'base' is '0x1000_0000': expected an integer" },
	{ "window unknown key", NULL,
	  WIN("        base: 0x10000000\n        size: 0x1000\n        controller: vendor,ctrl\n"
	      "        cached: true\n"),
	  "soc-xip.yml", 9, 9, "unknown key 'cached': expected name, base, size or controller" },
	{ "window not a mapping", NULL,
	  "socs:\n  - name: soc\n    kconfig: [CONFIG_SOC_X]\n    windows: [qspi_mm]\n",
	  "soc-xip.yml", 4, 15, "SoC 'soc': window 1 is 'qspi_mm': expected a mapping" },
	{ "no windows", NULL, "socs:\n  - name: soc\n    kconfig: [CONFIG_SOC_X]\n    windows: []\n",
	  "soc-xip.yml", 4, 14, "'windows' is an empty list: expected a list of at least one XIP window" },
	{ "soc kconfig missing", NULL,
	  "socs:\n  - name: soc\n    windows:\n      - name: xip\n        base: 0\n        size: 1\n"
	  "        controller: c\n",
	  "soc-xip.yml", 2, 5, "SoC 'soc' has no 'kconfig'" },
	{ "duplicate SoC", NULL,
	  SOCS_OK "  - name: soc\n    kconfig: [CONFIG_SOC_Y]\n    windows:\n      - name: w\n"
		  "        base: 0\n        size: 1\n        controller: c\n",
	  "soc-xip.yml", 9, 11, "duplicate SoC 'soc' (also on line 2): expected each name once" },
	{ "socs not a list", NULL, "socs: qspi_mm\n", "soc-xip.yml", 1, 7,
	  "'socs' is 'qspi_mm': expected a list of SoC entries" },
};

/* A new directory under /tmp holding the two files (NULL: leave one out). */
static const char *write_dir(const char *drivers, const char *socs)
{
	char *dir = fl_strdup(run.arena, "/tmp/flashlint-data-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	const char *text[2] = { drivers, socs };
	const char *name[2] = { "flash-drivers.yml", "soc-xip.yml" };
	for (int i = 0; i < 2; i++) {
		if (!text[i])
			continue;
		FILE *f = fopen(fl_path_join(run.arena, dir, name[i]), "w");
		ck_assert_ptr_nonnull(f);
		ck_assert_uint_eq(fwrite(text[i], 1, strlen(text[i]), f), strlen(text[i]));
		fclose(f);
	}
	return dir;
}

static void remove_dir(const char *dir)
{
	unlink(fl_path_join(run.arena, dir, "flash-drivers.yml"));
	unlink(fl_path_join(run.arena, dir, "soc-xip.yml"));
	rmdir(dir);
}

START_TEST(test_malformed)
{
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct fl_run r;
		ck_assert_int_eq(fl_run_init(&r, &fl_catalogue), 0);
		const char *dir = write_dir(c->drivers ? c->drivers : DRIVERS_OK,
					    c->socs ? c->socs : SOCS_OK);
		struct fl_data d;
		int rc = fl_data_load(&r, &d, dir);
		remove_dir(dir);
		size_t n = fl_test_count_inp(&r);
		const struct fl_diag *g = n ? r.diags.v.v[0] : NULL;
		ck_assert_msg(rc == -FL_EFORMAT, "%s: returned %d", c->name, rc);
		ck_assert_msg(n == 1, "%s: %zu INP001, expected 1%s%s", c->name, n, g ? ": " : "",
			      g ? g->msg : "");
		ck_assert_ptr_nonnull(g);
		ck_assert_msg(ends_with(g->pos.file, c->file), "%s: in %s", c->name, g->pos.file);
		ck_assert_msg(g->pos.line == c->line && g->pos.col == c->col,
			      "%s: at %u:%u, expected %u:%u: %s", c->name, g->pos.line, g->pos.col,
			      c->line, c->col, g->msg);
		ck_assert_msg(strstr(g->msg, c->msg), "%s: message '%s'", c->name, g->msg);
		ck_assert_msg(d.dir == NULL, "%s: data marked as loaded", c->name);
		fl_run_free(&r);
	}
}
END_TEST

/* A bad entry is dropped and reported; the good ones around it are kept. */
START_TEST(test_bad_entry_keeps_others)
{
	const char *dir = write_dir(DRIVERS_OK "  - compatible: vendor,other\n    kconfig: [OTHER]\n"
					       "    xip: true\n    sources: []\n"
					       "  - compatible: vendor,third\n    kconfig: [CONFIG_THIRD]\n"
					       "    xip: true\n    sources: [third.c]\n",
				    SOCS_OK);
	ck_assert_int_eq(fl_data_load(&run, &data, dir), -FL_EFORMAT);
	remove_dir(dir);
	ck_assert_uint_eq(count_inp(), 1);
	ck_assert_ptr_nonnull(fl_test_inp_at(&run, 7, 15));
	ck_assert_uint_eq(data.drivers.n, 2);
	ck_assert_str_eq(data.drivers.v[0].compatible, "vendor,chip");
	ck_assert_str_eq(data.drivers.v[1].compatible, "vendor,third");
	ck_assert_uint_eq(data.drivers.v[1].pos.line, 10);
	ck_assert_uint_eq(data.socs.n, 1);
	ck_assert_ptr_null(data.dir);
}
END_TEST

/* Two problems in two files: one INP001 each, in both files. */
START_TEST(test_problems_in_both_files)
{
	const char *dir = write_dir(DRV("    xip: maybe\n    sources: []\n"),
				    WIN("        base: 1\n        size: 0\n        controller: c\n"));
	ck_assert_int_eq(fl_data_load(&run, &data, dir), -FL_EFORMAT);
	remove_dir(dir);
	ck_assert_uint_eq(count_inp(), 2);
	ck_assert(run.input_failed);
	ck_assert(ends_with(run.diags.v.v[0]->pos.file, "/flash-drivers.yml"));
	ck_assert(ends_with(run.diags.v.v[1]->pos.file, "/soc-xip.yml"));
	/* An entry with a problem anywhere in it is left out whole. */
	ck_assert_uint_eq(data.drivers.n, 0);
	ck_assert_uint_eq(data.socs.n, 0);
}
END_TEST

START_TEST(test_missing_inputs)
{
	ck_assert_int_eq(fl_data_load(&run, &data, "/nonexistent/flashlint-data"), -FL_EIO);
	ck_assert_uint_eq(count_inp(), 1);
	const struct fl_diag *g = run.diags.v.v[0];
	ck_assert_str_eq(g->pos.file, "/nonexistent/flashlint-data");
	ck_assert_uint_eq(g->pos.line, 0);
	ck_assert_str_eq(g->msg, "not a data directory: No such file or directory");

	ck_assert_int_eq(fl_data_load(&run, &data, TEST_DATA "/soc-xip.yml"), -FL_EIO);
	ck_assert_uint_eq(count_inp(), 2);
	ck_assert_str_eq(run.diags.v.v[1]->msg, "not a data directory: it is not a directory");

	/* One file missing: INP001 on its path; the other is still read. */
	const char *dir = write_dir(NULL, SOCS_OK);
	ck_assert_int_eq(fl_data_load(&run, &data, dir), -FL_EIO);
	ck_assert_uint_eq(count_inp(), 3);
	g = run.diags.v.v[2];
	ck_assert_str_eq(g->pos.file, fl_path_join(run.arena, dir, "flash-drivers.yml"));
	ck_assert_uint_eq(g->pos.line, 0);
	ck_assert_str_eq(g->msg, "cannot read the file: No such file or directory");
	ck_assert_uint_eq(data.socs.n, 1);
	ck_assert_ptr_null(data.dir);
	remove_dir(dir);
}
END_TEST

/* Hostile input stays bounded: 100001 nodes stop at one INP001. */
START_TEST(test_node_limit)
{
	size_t n = 100001, len = 12 + n * 3;
	char *text = fl_alloc(run.arena, len + 1);
	char *p = text + sprintf(text, "drivers: [");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "1,");
	strcpy(p, "]\n");
	const char *dir = write_dir(text, SOCS_OK);
	ck_assert_int_eq(fl_data_load(&run, &data, dir), -FL_EFORMAT);
	remove_dir(dir);
	ck_assert_uint_eq(count_inp(), 1);
	ck_assert_ptr_nonnull(strstr(run.diags.v.v[0]->msg, "more than 100000 YAML nodes"));
}
END_TEST

/* --data first, then <FLASHLINT_DATA_DIR>/data when it is a directory, then the
 * source tree's rules/data. This suite's data.c is built with directories under
 * the build tree (tests/CMakeLists.txt). */
START_TEST(test_data_dir_order)
{
	const char *prefix = FLASHLINT_DATA_DIR, *installed = FLASHLINT_DATA_DIR "/data";
	rmdir(installed);
	unlink(installed);
	rmdir(prefix);
	ck_assert(!fl_is_dir(prefix));

	ck_assert_str_eq(fl_data_dir("/some/dir"), "/some/dir");
	ck_assert_str_eq(fl_data_dir(NULL), FLASHLINT_SOURCE_DATA_DIR);

	ck_assert_int_eq(mkdir(prefix, 0755), 0);
	ck_assert_str_eq(fl_data_dir(NULL), FLASHLINT_SOURCE_DATA_DIR);
	FILE *f = fopen(installed, "w"); /* a file named data is not a data directory */
	ck_assert_ptr_nonnull(f);
	fclose(f);
	ck_assert_str_eq(fl_data_dir(NULL), FLASHLINT_SOURCE_DATA_DIR);
	ck_assert_int_eq(unlink(installed), 0);

	ck_assert_int_eq(mkdir(installed, 0755), 0);
	ck_assert_str_eq(fl_data_dir(NULL), installed);
	ck_assert_str_eq(fl_data_dir("/some/dir"), "/some/dir");

	ck_assert_int_eq(rmdir(installed), 0);
	ck_assert_int_eq(rmdir(prefix), 0);
	ck_assert_str_eq(fl_data_dir(NULL), FLASHLINT_SOURCE_DATA_DIR);
}
END_TEST

static Suite *data_suite(void)
{
	Suite *s = suite_create("data");
	TCase *tc = tcase_create("data");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_real_drivers);
	tcase_add_test(tc, test_real_socs);
	tcase_add_test(tc, test_own_data_dir);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_bad_entry_keeps_others);
	tcase_add_test(tc, test_problems_in_both_files);
	tcase_add_test(tc, test_missing_inputs);
	tcase_add_test(tc, test_node_limit);
	tcase_add_test(tc, test_data_dir_order);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(data_suite());
}
