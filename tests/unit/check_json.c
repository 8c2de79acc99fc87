// SPDX-License-Identifier: Apache-2.0
/*
 * The JSON reporter: exact layout and values of a hand-built model, string
 * escaping of hostile names, and validation of the output against the published
 * schema (python3-jsonschema), including proof that the validator can fail.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "flashlint/report.h"
#include "check_util.h"

#define VALIDATOR FL_SOURCE_DIR "/tests/schema/validate_json.py"
#define SCHEMA FL_SOURCE_DIR "/src/report/flashlint-report-1.schema.json"

/* ---- helpers ------------------------------------------------------------------ */

/* Drive the reporter the way fl_report() does and return the document (malloc'ed). */
static char *render(const struct fl_run *run, const struct fl_model *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);

	struct fl_report_ctx c = { .out = f, .run = run, .m = m };
	fl_report_json.begin(&c);
	for (size_t i = 0; i < run->diags.v.n; i++) {
		c.index = i;
		fl_report_json.on_diag(&c, run->diags.v.v[i]);
	}
	c.index = run->diags.v.n;
	fl_report_json.end(&c);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_uint_eq(strlen(buf), len);
	return buf;
}

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

#define ck_assert_has(doc, needle)                                                 \
	ck_assert_msg(strstr((doc), (needle)) != NULL, "missing <<%s>> in:\n%s",  \
		      (needle), (doc))
#define ck_assert_lacks(doc, needle)                                               \
	ck_assert_msg(strstr((doc), (needle)) == NULL, "unexpected <<%s>> in:\n%s", \
		      (needle), (doc))

/* Number of member values that are plain digit runs; fails on one that goes on
 * with anything but ',' or a newline (a fraction, an exponent). */
static size_t count_plain_integers(const char *doc)
{
	size_t n = 0;
	for (const char *p = doc; (p = strstr(p, "\": ")); ) {
		p += 3;
		if (*p < '0' || *p > '9')
			continue;
		while (*p >= '0' && *p <= '9')
			p++;
		ck_assert_msg(*p == ',' || *p == '\n', "not an integer near: %.20s", p - 5);
		n++;
	}
	return n;
}

/* s with the first `from` replaced by `to` (malloc'ed); `from` must occur. */
static char *replace_once(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	ck_assert_msg(at != NULL, "<<%s>> not found", from);
	size_t head = (size_t)(at - s), flen = strlen(from), tlen = strlen(to);
	char *r = malloc(strlen(s) - flen + tlen + 1);
	ck_assert_ptr_nonnull(r);
	memcpy(r, s, head);
	memcpy(r + head, to, tlen);
	strcpy(r + head + tlen, at + flen);
	return r;
}

/* Write doc to a fresh temporary file; the caller unlinks path. */
static void write_temp(const char *doc, char path[static 64])
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, 64, "%s/check_json_XXXXXX", dir && strlen(dir) < 40 ? dir : "/tmp");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(doc, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

static bool have_jsonschema(void)
{
	int rc = system("python3 -c 'import jsonschema' >/dev/null 2>&1");
	if (rc != 0)
		printf("check_json: python3-jsonschema not available, schema validation skipped\n");
	return rc == 0;
}

/* Exit status of the validator on doc; quiet hides its error listing (used by the
 * tests that expect a failure). */
static int validate(const char *doc, bool quiet)
{
	char path[64], cmd[512];
	write_temp(doc, path);
	snprintf(cmd, sizeof(cmd), "python3 '%s' '%s' '%s'%s", VALIDATOR, SCHEMA, path,
		 quiet ? " >/dev/null 2>&1" : "");
	int rc = system(cmd);
	unlink(path);
	ck_assert_msg(rc != -1 && WIFEXITED(rc), "cannot run: %s", cmd);
	return WEXITSTATUS(rc);
}

/* True if doc is laid out exactly as Python's json.dumps(indent=2) lays it out:
 * the indentation and line breaks are a well-known canonical form, not our own. */
static bool same_as_python_layout(const char *doc)
{
	char path[64], cmd[512];
	write_temp(doc, path);
	snprintf(cmd, sizeof(cmd),
		 "python3 -c 'import json, sys; t = open(sys.argv[1], encoding=\"utf-8\").read(); "
		 "sys.exit(json.dumps(json.loads(t), indent=2, ensure_ascii=False) + \"\\n\" != t)' '%s'",
		 path);
	int rc = system(cmd);
	unlink(path);
	return rc == 0;
}

static struct fl_image *add_image(struct fl_run *run, struct fl_model *m, const char *name)
{
	struct fl_image *img = fl_alloc(run->arena, sizeof(*img));
	img->name = name;
	*fl_vec_push(run->arena, &m->images) = img;
	return img;
}

static void add_input(struct fl_run *run, struct fl_model *m, const char *path,
		      enum fl_input_kind kind, const char *image)
{
	struct fl_input_file *in = fl_vec_push(run->arena, &m->inputs);
	in->path = path;
	in->kind = kind;
	in->image = image;
}

static struct fl_partition *add_partition(struct fl_run *run, struct fl_model *m,
					  bool is_static, const char *name, uint64_t address,
					  uint64_t size, uint32_t line)
{
	struct fl_partition *p = is_static ? fl_vec_push(run->arena, &m->static_partitions)
					   : fl_vec_push(run->arena, &m->partitions);
	p->name = name;
	p->address = address;
	p->size = size;
	p->region = "flash_primary";
	p->from_static = is_static;
	p->pos = (struct fl_pos){ is_static ? "/src/app/pm_static.yml" : "/b/partitions.yml",
				  line, 0 };
	return p;
}

static struct fl_section *add_section(struct fl_run *run, struct fl_image *img,
				      const char *name, uint64_t vma, uint64_t lma,
				      uint64_t size, unsigned flags, int region, uint32_t line)
{
	struct fl_section *s = fl_vec_push(run->arena, &img->sections);
	s->name = name;
	s->vma = vma;
	s->lma = lma;
	s->size = size;
	s->flags = flags;
	s->vma_region = region;
	s->lma_region = region;
	s->from_map = line != 0;
	s->pos = (struct fl_pos){ line ? "/b/zephyr/zephyr.map" : "/b/zephyr/zephyr.elf", line, 0 };
	return s;
}

/*
 * A small NCS-like build: two Partition Manager regions, an application image
 * with FLASH/RAM, generated and static partitions, and three diagnostics (an
 * error with a note and numbers, a warning, a location-less note).
 */
static void build_model(struct fl_run *run, struct fl_model *m)
{
	ck_assert_int_eq(fl_run_init(run, &fl_catalogue), 0);
	memset(m, 0, sizeof(*m));
	m->build_dir = "/b";

	add_input(run, m, "/b/zephyr/zephyr.elf", FL_IN_ELF, "zephyr");
	add_input(run, m, "/b/zephyr/zephyr.map", FL_IN_MAP, "zephyr");
	add_input(run, m, "/src/app/pm_static.yml", FL_IN_PM_STATIC, NULL);

	struct fl_pm_region *r = fl_vec_push(run->arena, &m->pm_regions);
	r->name = "flash_primary";
	r->base = 0;
	r->size = 1048576;
	r->device = "flash_controller";
	r->placement = "complex";
	r->pos = (struct fl_pos){ "/b/regions.yml", 1, 0 };
	r = fl_vec_push(run->arena, &m->pm_regions);
	r->name = "external_flash";
	r->base = 0;
	r->size = 8388608;
	r->device = ""; /* the model's "no device" */
	r->default_driver_kconfig = "CONFIG_NORDIC_QSPI_NOR";
	r->domain = "CPUAPP";
	r->pos = (struct fl_pos){ "/b/regions.yml", 7, 0 };

	add_partition(run, m, false, "mcuboot", 0, 49152, 3);
	struct fl_partition *p = add_partition(run, m, false, "app", 65536, 917504, 9);
	p->end_address = 983040;
	p->has_end = true;
	p = add_partition(run, m, false, "mcuboot_primary", 49152, 934400, 14);
	*fl_vec_push(run->arena, &p->span) = "mcuboot_pad";
	*fl_vec_push(run->arena, &p->span) = "app";
	p = add_partition(run, m, true, "mcuboot_secondary", 0, 983040, 21);
	p->region = "external_flash";
	p->device = "MX25R64";

	struct fl_image *img = add_image(run, m, "zephyr");
	img->role = FL_IMG_APP;
	img->elf_path = "/b/zephyr/zephyr.elf";
	img->map_path = "/b/zephyr/zephyr.map";
	img->map_kind = FL_MAP_GNU;
	/* What its ELF says was compiled: one device, a flash map with it and a NULL. */
	struct fl_elf_device *dev = fl_vec_push(run->arena, &img->elf_devices);
	*dev = (struct fl_elf_device){ "__device_dts_ord_124", 57448, "flash-controller@39000", 124,
				       "/soc/peripheral@50000000/flash-controller@39000" };
	img->flash_map = (struct fl_flash_map){ "default_flash_map", 58292, 32, 2, 16, { 0 } };
	*fl_vec_push(run->arena, &img->flash_map.v) = (struct fl_flash_area){
		0, 0, 0x0, 0x10000, FL_FA_DEV_DEVICE, 57448, 0, "flash-controller@39000", NULL };
	*fl_vec_push(run->arena, &img->flash_map.v) = (struct fl_flash_area){
		2, 0, 0x0, 0xe0000, FL_FA_DEV_NULL, 0, -1, NULL, NULL };
	/* Its signed image: header, payload, one TLV area (SHA-256 + ECDSA). */
	img->signed_image = (struct fl_signed_image){ .path = "/b/zephyr/zephyr.signed.bin",
						      .hdr_size = 0x200, .img_size = 0x7604,
						      .ver_major = 1, .ver_minor = 2, .ver_revision = 3,
						      .ver_build = 4, .size = 0x7604 + 0x200 + 0x78 };
	struct fl_tlv_area *ta = fl_vec_push(run->arena, &img->signed_image.tlv);
	*ta = (struct fl_tlv_area){ 0x6907, 0x78, 0x7804, { 0 } };
	*fl_vec_push(run->arena, &ta->v) = (struct fl_tlv){ 0x10, 32 };
	*fl_vec_push(run->arena, &ta->v) = (struct fl_tlv){ 0x22, 72 };
	struct fl_region *flash = fl_vec_push(run->arena, &img->regions);
	flash->name = "FLASH";
	flash->origin = 66048;
	flash->length = 917504;
	flash->attrs = "xr";
	flash->used = 30212;
	flash->used_end = 66048 + 30212;
	flash->pos = (struct fl_pos){ "/b/zephyr/zephyr.map", 12, 0 };
	struct fl_region *ram = fl_vec_push(run->arena, &img->regions);
	ram->name = "RAM";
	ram->origin = 0x20000000;
	ram->length = 262144;
	ram->attrs = "xw";
	ram->used = 8192;
	ram->used_end = 0x20000000 + 8192;
	ram->pos = (struct fl_pos){ "/b/zephyr/zephyr.map", 13, 0 };

	add_section(run, img, "text", 66048, 66048, 28000,
		    FL_SEC_ALLOC | FL_SEC_LOAD | FL_SEC_EXEC, 0, 120);
	/* datas runs in RAM and is loaded from FLASH */
	struct fl_section *s = add_section(run, img, "datas", 0x20000000, 94048, 2212,
					   FL_SEC_ALLOC | FL_SEC_LOAD | FL_SEC_WRITE, 1, 310);
	s->lma_region = 0;
	add_section(run, img, "bss", 0x20000000 + 2212, 0x20000000 + 2212, 5980,
		    FL_SEC_ALLOC | FL_SEC_WRITE, 1, 330);
	add_section(run, img, ".debug_info", 0, 0, 123456, 0, -1, 0);
	add_section(run, img, "empty_alloc", 66048, 66048, 0, FL_SEC_ALLOC, 0, 0);

	struct fl_load_range *lr = fl_vec_push(run->arena, &img->load);
	lr->start = 66048;
	lr->end = 96260;
	lr->region = 0;
	img->load_start = 66048;
	img->load_end = 96260;
	m->frozen = true;

	struct fl_diag *d = fl_diag(run, FL_RULE_SEC001, (struct fl_pos){ "/src/app/pm_static.yml", 21, 3 },
				    "image 'zephyr' has loadable bytes in 2 memories");
	d->image = "zephyr";
	fl_diag_num(run, d, "signed_size", 269553640);
	fl_diag_num(run, d, "slot_size", 917504);
	fl_diag_note(run, d, (struct fl_pos){ "/b/zephyr/zephyr.map", 310, 0 },
		     "section 'datas' is loaded at 0x00016f60");
	fl_diag_note(run, d, (struct fl_pos){ 0 }, "imgtool would report 0x10110be8");
	fl_diag(run, FL_RULE_SEC004, (struct fl_pos){ "/b/zephyr/zephyr.map", 13, 0 },
		"region 'RAM' is 96%% full");
	fl_note_at(run, (struct fl_pos){ 0 }, "rule IMG001 skipped: no MCUboot configuration");
	fl_diags_finish(run);
}

/* ---- tests ------------------------------------------------------------------- */

START_TEST(test_empty_document_exact)
{
	struct fl_run run;
	struct fl_model m = { 0 };
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	fl_diags_finish(&run);
	char *doc = render(&run, &m);

	char version[32] = "";
	const char *v = strstr(doc, "\"version\": \"");
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(sscanf(v, "\"version\": \"%31[0-9.]\"", version), 1);
	char expected[1024];
	snprintf(expected, sizeof(expected),
		 "{\n"
		 "  \"schema\": \"flashlint-report/1\",\n"
		 "  \"tool\": {\n"
		 "    \"name\": \"flashlint\",\n"
		 "    \"version\": \"%s\"\n"
		 "  },\n"
		 "  \"build_dir\": null,\n"
		 "  \"inputs\": [],\n"
		 "  \"memories\": [],\n"
		 "  \"partitions\": [],\n"
		 "  \"images\": [],\n"
		 "  \"diagnostics\": [],\n"
		 "  \"summary\": {\n"
		 "    \"errors\": 0,\n"
		 "    \"warnings\": 0,\n"
		 "    \"notes\": 0\n"
		 "  }\n"
		 "}\n",
		 version);
	ck_assert_str_eq(doc, expected);

	/* A driver without a model (usage errors) still gets a whole document. */
	char *doc2 = render(&run, NULL);
	ck_assert_str_eq(doc2, expected);
	free(doc2);
	free(doc);
	fl_run_free(&run);
}
END_TEST

START_TEST(test_model_values)
{
	struct fl_run run;
	struct fl_model m;
	build_model(&run, &m);
	char *doc = render(&run, &m);

	ck_assert_has(doc, "  \"build_dir\": \"/b\",\n");
	ck_assert_has(doc, "  \"inputs\": [\n"
			   "    {\n"
			   "      \"path\": \"/b/zephyr/zephyr.elf\",\n"
			   "      \"kind\": \"elf\",\n"
			   "      \"image\": \"zephyr\"\n"
			   "    },\n");
	ck_assert_has(doc, "      \"path\": \"/src/app/pm_static.yml\",\n"
			   "      \"kind\": \"pm_static\",\n"
			   "      \"image\": null\n");

	/* Partition Manager regions first, then the linker's. */
	ck_assert_has(doc, "  \"memories\": [\n"
			   "    {\n"
			   "      \"name\": \"flash_primary\",\n"
			   "      \"source\": \"partition-manager\",\n"
			   "      \"domain\": null,\n"
			   "      \"base\": 0,\n"
			   "      \"size\": 1048576,\n"
			   "      \"end\": 1048576,\n"
			   "      \"device\": \"flash_controller\",\n"
			   "      \"default_driver_kconfig\": null,\n"
			   "      \"placement\": \"complex\",\n"
			   "      \"file\": \"/b/regions.yml\",\n"
			   "      \"line\": 1\n"
			   "    },\n");
	ck_assert_has(doc, "      \"domain\": \"CPUAPP\",\n");
	ck_assert_has(doc, "      \"end\": 8388608,\n"
			   "      \"device\": null,\n"
			   "      \"default_driver_kconfig\": \"CONFIG_NORDIC_QSPI_NOR\",\n"
			   "      \"placement\": null,\n");
	ck_assert_has(doc, "      \"name\": \"FLASH\",\n"
			   "      \"source\": \"linker-map\",\n"
			   "      \"image\": \"zephyr\",\n"
			   "      \"base\": 66048,\n"
			   "      \"size\": 917504,\n"
			   "      \"end\": 983552,\n"
			   "      \"used\": 30212,\n"
			   "      \"attributes\": \"xr\",\n"
			   "      \"file\": \"/b/zephyr/zephyr.map\",\n"
			   "      \"line\": 12\n");
	ck_assert_has(doc, "      \"base\": 536870912,\n"
			   "      \"size\": 262144,\n"
			   "      \"end\": 537133056,\n"
			   "      \"used\": 8192,\n"
			   "      \"attributes\": \"xw\",\n");
	ck_assert_msg(strstr(doc, "\"external_flash\"") < strstr(doc, "\"FLASH\""),
		      "linker regions before Partition Manager ones");

	/* Partitions: generated ones, then pm_static ones. */
	ck_assert_has(doc, "      \"name\": \"app\",\n"
			   "      \"address\": 65536,\n"
			   "      \"size\": 917504,\n"
			   "      \"end\": 983040,\n"
			   "      \"end_address\": 983040,\n"
			   "      \"region\": \"flash_primary\",\n"
			   "      \"device\": null,\n"
			   "      \"domain\": null,\n"
			   "      \"span\": [],\n"
			   "      \"static\": false,\n"
			   "      \"file\": \"/b/partitions.yml\",\n"
			   "      \"line\": 9\n");
	ck_assert_has(doc, "      \"name\": \"mcuboot\",\n"
			   "      \"address\": 0,\n"
			   "      \"size\": 49152,\n"
			   "      \"end\": 49152,\n"
			   "      \"end_address\": null,\n");
	ck_assert_has(doc, "      \"span\": [\n"
			   "        \"mcuboot_pad\",\n"
			   "        \"app\"\n"
			   "      ],\n");
	ck_assert_has(doc, "      \"name\": \"mcuboot_secondary\",\n"
			   "      \"address\": 0,\n"
			   "      \"size\": 983040,\n"
			   "      \"end\": 983040,\n"
			   "      \"end_address\": null,\n"
			   "      \"region\": \"external_flash\",\n"
			   "      \"device\": \"MX25R64\",\n"
			   "      \"domain\": null,\n"
			   "      \"span\": [],\n"
			   "      \"static\": true,\n"
			   "      \"file\": \"/src/app/pm_static.yml\",\n"
			   "      \"line\": 21\n");
	ck_assert_uint_eq(count_of(doc, "\"static\": true"), 1);
	ck_assert_uint_eq(count_of(doc, "\"static\": false"), 3);

	/* The image. */
	ck_assert_has(doc, "  \"images\": [\n"
			   "    {\n"
			   "      \"name\": \"zephyr\",\n"
			   "      \"role\": \"application\",\n"
			   "      \"domain\": null,\n"
			   "      \"elf\": \"/b/zephyr/zephyr.elf\",\n"
			   "      \"map\": \"/b/zephyr/zephyr.map\",\n"
			   "      \"config\": null,\n"
			   "      \"dts\": null,\n"
			   "      \"devices\": [],\n"
			   "      \"dt_partitions\": [],\n"
			   "      \"map_format\": \"gnu\",\n"
			   "      \"map_is_stage\": false,\n"
			   "      \"map_truncated\": false,\n"
			   "      \"load_ranges\": [\n"
			   "        {\n"
			   "          \"start\": 66048,\n"
			   "          \"end\": 96260,\n"
			   "          \"size\": 30212,\n"
			   "          \"memory\": \"FLASH\"\n"
			   "        }\n"
			   "      ],\n"
			   "      \"load_start\": 66048,\n"
			   "      \"load_end\": 96260,\n"
			   "      \"sections\": [\n"
			   "        {\n"
			   "          \"name\": \"text\",\n"
			   "          \"vma\": 66048,\n"
			   "          \"lma\": 66048,\n"
			   "          \"size\": 28000,\n"
			   "          \"flags\": [\n"
			   "            \"alloc\",\n"
			   "            \"load\",\n"
			   "            \"exec\"\n"
			   "          ],\n"
			   "          \"memory\": \"FLASH\",\n"
			   "          \"file\": \"/b/zephyr/zephyr.map\",\n"
			   "          \"line\": 120\n"
			   "        },\n");
	/* "memory" follows the load address: datas runs in RAM, loads from FLASH. */
	ck_assert_has(doc, "          \"name\": \"datas\",\n"
			   "          \"vma\": 536870912,\n"
			   "          \"lma\": 94048,\n"
			   "          \"size\": 2212,\n"
			   "          \"flags\": [\n"
			   "            \"alloc\",\n"
			   "            \"load\",\n"
			   "            \"write\"\n"
			   "          ],\n"
			   "          \"memory\": \"FLASH\",\n");
	ck_assert_has(doc, "          \"name\": \"bss\",\n"
			   "          \"vma\": 536873124,\n"
			   "          \"lma\": 536873124,\n"
			   "          \"size\": 5980,\n"
			   "          \"flags\": [\n"
			   "            \"alloc\",\n"
			   "            \"write\"\n"
			   "          ],\n"
			   "          \"memory\": \"RAM\",\n"
			   "          \"file\": \"/b/zephyr/zephyr.map\",\n"
			   "          \"line\": 330\n"
			   "        }\n"
			   "      ],\n"
			   "      \"compiled\": {\n"
			   "        \"devices\": [\n"
			   "          {\n"
			   "            \"symbol\": \"__device_dts_ord_124\",\n"
			   "            \"address\": 57448,\n"
			   "            \"name\": \"flash-controller@39000\",\n"
			   "            \"ordinal\": 124,\n"
			   "            \"path\": \"/soc/peripheral@50000000/flash-controller@39000\"\n"
			   "          }\n"
			   "        ],\n"
			   "        \"flash_map\": {\n"
			   "          \"symbol\": \"default_flash_map\",\n"
			   "          \"address\": 58292,\n"
			   "          \"bytes\": 32,\n"
			   "          \"count\": 2,\n"
			   "          \"entry_size\": 16,\n"
			   "          \"entries\": [\n"
			   "            {\n"
			   "              \"id\": 0,\n"
			   "              \"device_id\": 0,\n"
			   "              \"offset\": 0,\n"
			   "              \"size\": 65536,\n"
			   "              \"device_kind\": \"device\",\n"
			   "              \"device_pointer\": 57448,\n"
			   "              \"device_symbol\": \"__device_dts_ord_124\",\n"
			   "              \"device_name\": \"flash-controller@39000\",\n"
			   "              \"label\": null\n"
			   "            },\n"
			   "            {\n"
			   "              \"id\": 2,\n"
			   "              \"device_id\": 0,\n"
			   "              \"offset\": 0,\n"
			   "              \"size\": 917504,\n"
			   "              \"device_kind\": \"null\",\n"
			   "              \"device_pointer\": 0,\n"
			   "              \"device_symbol\": null,\n"
			   "              \"device_name\": null,\n"
			   "              \"label\": null\n"
			   "            }\n"
			   "          ]\n"
			   "        }\n"
			   "      },\n"
			   "      \"signed\": {\n"
			   "        \"path\": \"/b/zephyr/zephyr.signed.bin\",\n"
			   "        \"base\": 0,\n"
			   "        \"load_address\": 0,\n"
			   "        \"header_size\": 512,\n"
			   "        \"protected_tlv_size\": 0,\n"
			   "        \"image_size\": 30212,\n"
			   "        \"flags\": 0,\n"
			   "        \"version\": \"1.2.3+4\",\n"
			   "        \"tlv_areas\": [\n"
			   "          {\n"
			   "            \"magic\": 26887,\n"
			   "            \"offset\": 30724,\n"
			   "            \"size\": 120,\n"
			   "            \"entries\": [\n"
			   "              {\n"
			   "                \"type\": 16,\n"
			   "                \"length\": 32\n"
			   "              },\n"
			   "              {\n"
			   "                \"type\": 34,\n"
			   "                \"length\": 72\n"
			   "              }\n"
			   "            ]\n"
			   "          }\n"
			   "        ],\n"
			   "        \"size\": 30844\n"
			   "      }\n"
			   "    }\n"
			   "  ],\n");
	/* Non-allocated and empty sections are left out. */
	ck_assert_lacks(doc, ".debug_info");
	ck_assert_lacks(doc, "empty_alloc");
	ck_assert_uint_eq(count_of(doc, "\"vma\": "), 3);

	free(doc);
	fl_run_free(&run);
}
END_TEST

START_TEST(test_diagnostics)
{
	struct fl_run run;
	struct fl_model m;
	build_model(&run, &m);
	ck_assert_uint_eq(run.diags.v.n, 3);
	char *doc = render(&run, &m);

	/* Sorted by file: zephyr.map's warning, pm_static's error, then the note. */
	ck_assert_has(doc, "  \"diagnostics\": [\n"
			   "    {\n"
			   "      \"id\": \"SEC004\",\n"
			   "      \"name\": \"region-nearly-full\",\n"
			   "      \"severity\": \"warning\",\n"
			   "      \"message\": \"region 'RAM' is 96% full\",\n"
			   "      \"file\": \"/b/zephyr/zephyr.map\",\n"
			   "      \"line\": 13,\n"
			   "      \"column\": null,\n"
			   "      \"image\": null,\n"
			   "      \"numbers\": {},\n"
			   "      \"notes\": []\n"
			   "    },\n"
			   "    {\n"
			   "      \"id\": \"SEC001\",\n"
			   "      \"name\": \"image-spans-memories\",\n"
			   "      \"severity\": \"error\",\n"
			   "      \"message\": \"image 'zephyr' has loadable bytes in 2 memories\",\n"
			   "      \"file\": \"/src/app/pm_static.yml\",\n"
			   "      \"line\": 21,\n"
			   "      \"column\": 3,\n"
			   "      \"image\": \"zephyr\",\n"
			   "      \"numbers\": {\n"
			   "        \"signed_size\": 269553640,\n"
			   "        \"slot_size\": 917504\n"
			   "      },\n"
			   "      \"notes\": [\n"
			   "        {\n"
			   "          \"file\": \"/b/zephyr/zephyr.map\",\n"
			   "          \"line\": 310,\n"
			   "          \"column\": null,\n"
			   "          \"message\": \"section 'datas' is loaded at 0x00016f60\"\n"
			   "        },\n"
			   "        {\n"
			   "          \"file\": null,\n"
			   "          \"line\": null,\n"
			   "          \"column\": null,\n"
			   "          \"message\": \"imgtool would report 0x10110be8\"\n"
			   "        }\n"
			   "      ]\n"
			   "    },\n"
			   "    {\n"
			   "      \"id\": null,\n"
			   "      \"name\": null,\n"
			   "      \"severity\": \"note\",\n"
			   "      \"message\": \"rule IMG001 skipped: no MCUboot configuration\",\n"
			   "      \"file\": null,\n"
			   "      \"line\": null,\n"
			   "      \"column\": null,\n"
			   "      \"image\": null,\n"
			   "      \"numbers\": {},\n"
			   "      \"notes\": []\n"
			   "    }\n"
			   "  ],\n"
			   "  \"summary\": {\n"
			   "    \"errors\": 1,\n"
			   "    \"warnings\": 1,\n"
			   "    \"notes\": 1\n"
			   "  }\n"
			   "}\n");
	/* The document ends there, with exactly one newline. */
	size_t len = strlen(doc);
	ck_assert_uint_gt(len, 6);
	ck_assert_str_eq(doc + len - 6, "  }\n}\n");

	/* Deterministic: the same run renders byte for byte the same. */
	char *again = render(&run, &m);
	ck_assert_str_eq(doc, again);
	free(again);
	free(doc);
	fl_run_free(&run);
}
END_TEST

START_TEST(test_numbers_edges)
{
	struct fl_run run;
	struct fl_model m = { 0 };
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);

	/* An end past 2^64 - 1 is null, never a wrapped value. */
	struct fl_pm_region *r = fl_vec_push(run.arena, &m.pm_regions);
	r->name = "top";
	r->base = UINT64_MAX;
	r->size = 1;
	struct fl_partition *p = fl_vec_push(run.arena, &m.partitions);
	p->name = "wrap";
	p->address = 0xfffffffffffff000u;
	p->size = 0x2000;
	p = fl_vec_push(run.arena, &m.partitions);
	p->name = "edge";
	p->address = 0xfffffffffffff000u;
	p->size = 0x1000;

	/* A key attached twice appears once, with the last value. */
	struct fl_diag *d = fl_diag(&run, FL_RULE_SEC003, (struct fl_pos){ "x.map", 1, 1 },
				    "region 'FLASH' overflowed by 4 bytes");
	fl_diag_num(&run, d, "overflow", 1);
	fl_diag_num(&run, d, "length", UINT64_MAX);
	fl_diag_num(&run, d, "overflow", 4);
	fl_diags_finish(&run);

	char *doc = render(&run, &m);
	ck_assert_has(doc, "      \"base\": 18446744073709551615,\n"
			   "      \"size\": 1,\n"
			   "      \"end\": null,\n");
	ck_assert_has(doc, "      \"address\": 18446744073709547520,\n"
			   "      \"size\": 8192,\n"
			   "      \"end\": null,\n");
	ck_assert_has(doc, "      \"address\": 18446744073709547520,\n"
			   "      \"size\": 4096,\n"
			   "      \"end\": null,\n"); /* exactly 2^64: still not representable */
	ck_assert_has(doc, "      \"region\": null,\n");
	ck_assert_has(doc, "      \"numbers\": {\n"
			   "        \"overflow\": 4,\n"
			   "        \"length\": 18446744073709551615\n"
			   "      },\n");
	ck_assert_uint_eq(count_of(doc, "\"overflow\""), 1);
	ck_assert_has(doc, "      \"line\": 1,\n"
			   "      \"column\": 1,\n");
	ck_assert_has(doc, "    \"errors\": 1,\n");
	/* Integers only: every value that starts with a digit is digits up to the
	 * end of the member, with no fraction or exponent; none is quoted. */
	ck_assert_uint_eq(count_plain_integers(doc), 13);
	ck_assert_lacks(doc, "\"18446744073709551615\"");

	free(doc);
	fl_run_free(&run);
}
END_TEST

START_TEST(test_unfrozen_model)
{
	struct fl_run run;
	struct fl_model m = { 0 };
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	struct fl_image *img = add_image(&run, &m, "zephyr");
	img->role = FL_IMG_MCUBOOT;
	struct fl_region *reg = fl_vec_push(run.arena, &img->regions);
	reg->name = "FLASH";
	reg->length = 4096;
	add_section(&run, img, "text", 0, 0, 16, FL_SEC_ALLOC, 0, 0);
	fl_diags_finish(&run);

	/* Derived links are zero before fl_model_freeze(): region 0 is not named. */
	char *doc = render(&run, &m);
	ck_assert_has(doc, "      \"used\": null,\n");
	ck_assert_has(doc, "      \"role\": \"mcuboot\",\n");
	ck_assert_has(doc, "      \"map_format\": null,\n");
	ck_assert_has(doc, "      \"load_ranges\": [],\n"
			   "      \"load_start\": null,\n"
			   "      \"load_end\": null,\n");
	ck_assert_has(doc, "          \"flags\": [\n"
			   "            \"alloc\"\n"
			   "          ],\n"
			   "          \"memory\": null,\n"
			   "          \"file\": \"/b/zephyr/zephyr.elf\",\n"
			   "          \"line\": null\n");
	ck_assert_has(doc, "      \"attributes\": \"\",\n");
	free(doc);
	fl_run_free(&run);
}
END_TEST

/* Names and paths come from untrusted inputs. */
#define HOSTILE                                                                    \
	"evil\"\\\x01\t\x7f" /* quote, backslash, controls, DEL */                  \
	"\xc3\xa9\xf0\x9f\x98\x80"  /* valid 2- and 4-byte UTF-8 */                 \
	"|\xff|\xc0\xaf|\xed\xa0\x80|\xf4\x90\x80\x80|\xe2\x82"
#define HOSTILE_JSON                                                               \
	"\"evil\\\"\\\\\\u0001\\u0009\x7f"                                          \
	"\xc3\xa9\xf0\x9f\x98\x80"                                                  \
	"|\\ufffd|\\ufffd\\ufffd|\\ufffd\\ufffd\\ufffd|\\ufffd\\ufffd\\ufffd\\ufffd|\\ufffd\""

static void build_hostile(struct fl_run *run, struct fl_model *m)
{
	ck_assert_int_eq(fl_run_init(run, &fl_catalogue), 0);
	memset(m, 0, sizeof(*m));
	m->build_dir = HOSTILE;
	add_input(run, m, HOSTILE, FL_IN_MAP, HOSTILE);
	struct fl_partition *p = add_partition(run, m, false, HOSTILE, 65536, 4096, 2);
	*fl_vec_push(run->arena, &p->span) = HOSTILE;
	p->domain = HOSTILE;
	struct fl_image *img = add_image(run, m, HOSTILE);
	img->role = FL_IMG_OTHER;
	img->map_kind = FL_MAP_LLD;
	img->map_truncated = true;
	img->map_is_stage = true;
	struct fl_region *reg = fl_vec_push(run->arena, &img->regions);
	reg->name = HOSTILE;
	reg->attrs = HOSTILE;
	add_section(run, img, HOSTILE, 0, 0, 1, FL_SEC_ALLOC, 0, 7);
	m->frozen = true;
	struct fl_diag *d = fl_diag(run, FL_RULE_INP001, (struct fl_pos){ HOSTILE, 4, 2 },
				    "%s", HOSTILE);
	d->image = HOSTILE;
	fl_diag_num(run, d, HOSTILE, 7);
	fl_diag_note(run, d, (struct fl_pos){ HOSTILE, 5, 0 }, "%s", HOSTILE);
	fl_diags_finish(run);
}

START_TEST(test_hostile_strings)
{
	struct fl_run run;
	struct fl_model m;
	build_hostile(&run, &m);
	char *doc = render(&run, &m);

	ck_assert_has(doc, "  \"build_dir\": " HOSTILE_JSON ",\n");
	ck_assert_has(doc, "      \"name\": " HOSTILE_JSON ",\n"
			   "      \"address\": 65536,\n");
	ck_assert_has(doc, "        " HOSTILE_JSON ": 7\n");
	ck_assert_has(doc, "      \"message\": " HOSTILE_JSON ",\n");
	ck_assert_has(doc, "      \"map_format\": \"lld\",\n"
			   "      \"map_is_stage\": true,\n"
			   "      \"map_truncated\": true,\n");
	ck_assert_has(doc, "      \"role\": \"other\",\n");
	/* Every one of the 18 strings is escaped; no raw control byte or invalid
	 * sequence survives. */
	ck_assert_uint_eq(count_of(doc, HOSTILE_JSON), 18);
	ck_assert_lacks(doc, "\x01");
	ck_assert_lacks(doc, "\t");
	ck_assert_lacks(doc, "\xff");
	ck_assert_lacks(doc, "\xed\xa0");
	ck_assert_has(doc, "    \"errors\": 1,\n");

	free(doc);
	fl_run_free(&run);
}
END_TEST

START_TEST(test_schema_accepts_output)
{
	if (!have_jsonschema())
		return;
	struct fl_run run;
	struct fl_model m = { 0 };

	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	fl_diags_finish(&run);
	char *doc = render(&run, &m);
	ck_assert_int_eq(validate(doc, false), 0);
	free(doc);
	fl_run_free(&run);

	build_model(&run, &m);
	doc = render(&run, &m);
	ck_assert_int_eq(validate(doc, false), 0);
	ck_assert(same_as_python_layout(doc));
	char *moved = replace_once(doc, "\n      \"address\": 65536,", "\"address\": 65536,");
	ck_assert(!same_as_python_layout(moved));
	free(moved);
	free(doc);
	fl_run_free(&run);

	build_hostile(&run, &m);
	doc = render(&run, &m);
	ck_assert_int_eq(validate(doc, false), 0);
	free(doc);
	fl_run_free(&run);
}
END_TEST

START_TEST(test_schema_rejects_wrong_types)
{
	if (!have_jsonschema())
		return;
	struct fl_run run;
	struct fl_model m;
	build_model(&run, &m);
	char *doc = render(&run, &m);

	static const struct {
		const char *from, *to;
	} broken[] = {
		/* a string where an integer belongs */
		{ "\"address\": 65536,", "\"address\": \"65536\"," },
		/* integral floats are still not integers */
		{ "\"address\": 65536,", "\"address\": 65536.0," },
		{ "\"address\": 65536,", "\"address\": 6.5536e4," },
		{ "\"address\": 65536,", "\"address\": -1," },
		{ "\"errors\": 1,", "\"errors\": 1.5," },
		{ "\"line\": 120", "\"line\": 0" },
		{ "\"severity\": \"error\"", "\"severity\": \"fatal\"" },
		{ "\"kind\": \"elf\"", "\"kind\": \"binary\"" },
		{ "\"static\": true,", "\"static\": true, \"extra\": 1," },
		{ "\"schema\": \"flashlint-report/1\"", "\"schema\": \"flashlint-report/2\"" },
		{ "\"slot_size\": 917504", "\"slot_size\": \"917504\"" },
		{ "\"build_dir\": \"/b\",", "" },
		{ "\"build_dir\": \"/b\",", "\"build_dir\": \"/b\", \"build_dir\": \"/c\"," },
		{ "\"used\": 8192,", "\"used\": NaN," },
	};
	for (size_t i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		char *bad = replace_once(doc, broken[i].from, broken[i].to);
		ck_assert_msg(validate(bad, true) == 1, "accepted: %s", broken[i].to);
		free(bad);
	}
	/* Truncated documents fail too. */
	doc[strlen(doc) / 2] = '\0';
	ck_assert_int_eq(validate(doc, true), 1);

	free(doc);
	fl_run_free(&run);
}
END_TEST

static Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_empty_document_exact);
	tcase_add_test(tc, test_model_values);
	tcase_add_test(tc, test_diagnostics);
	tcase_add_test(tc, test_numbers_edges);
	tcase_add_test(tc, test_unfrozen_model);
	tcase_add_test(tc, test_hostile_strings);
	tcase_add_test(tc, test_schema_accepts_output);
	tcase_add_test(tc, test_schema_rejects_wrong_types);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(json_suite());
}
