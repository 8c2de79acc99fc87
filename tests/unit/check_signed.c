// SPDX-License-Identifier: Apache-2.0
/*
 * Signed-image reader: an MCUboot image (header, payload, TLV area) written by the
 * test as .bin and as Intel hex, and damaged copies of both. Then, when
 * FLASHLINT_CORPUS_ELFS names the corpus builds with their signed images, that
 * flashlint's imgtool prediction is the real Image size of every one of them.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashlint/imgtool.h"
#include "flashlint/layout.h"
#include "flashlint/readers.h"
#include "check_util.h"

static struct fl_run run;
static struct fl_image img;

static void setup(void)
{
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	memset(&img, 0, sizeof(img));
}

static void teardown(void)
{
	fl_run_free(&run);
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

/* A signed image as imgtool lays it out: a 0x200-byte header (version 1.2.3+4,
 * load address 0), 0x100 bytes of payload, and a TLV area of SHA-256 (0x10, 32),
 * key hash (0x01, 32) and an ECDSA signature (0x22, 71): 4 + 36 + 36 + 75 = 151. */
#define IMG_PAYLOAD 0x100u
#define IMG_TLV 151u
#define IMG_TOTAL (0x200u + IMG_PAYLOAD + IMG_TLV)
static size_t make_image(unsigned char *b)
{
	memset(b, 0, IMG_TOTAL);
	put32(b, 0x96f3b83d);
	put16(b + 8, 0x200);
	put32(b + 12, IMG_PAYLOAD);
	b[20] = 1;
	b[21] = 2;
	put16(b + 22, 3);
	put32(b + 24, 4);
	for (unsigned i = 0; i < IMG_PAYLOAD; i++)
		b[0x200 + i] = (unsigned char)i;
	unsigned char *t = b + 0x200 + IMG_PAYLOAD;
	put16(t, 0x6907);
	put16(t + 2, IMG_TLV);
	t += 4;
	static const unsigned tl[][2] = { { 0x10, 32 }, { 0x01, 32 }, { 0x22, 71 } };
	for (int i = 0; i < 3; i++) {
		put16(t, tl[i][0]);
		put16(t + 2, tl[i][1]);
		memset(t + 4, 0xa5, tl[i][1]);
		t += 4 + tl[i][1];
	}
	return IMG_TOTAL;
}

/* b[0..len) as Intel hex from address base: an extended linear address record,
 * 16-byte data records, an end-of-file record. */
static char *to_hex(const unsigned char *b, size_t len, uint32_t base)
{
	char *out = malloc(len * 3 + 4096), *o = out;
	unsigned hi = base >> 16;
	o += sprintf(o, ":02000004%04X%02X\n", hi, (unsigned)(-(int)(2 + 4 + (hi >> 8) + (hi & 0xff)) & 0xff));
	for (size_t off = 0; off < len; off += 16) {
		unsigned n = len - off < 16 ? (unsigned)(len - off) : 16;
		unsigned addr = (base + (unsigned)off) & 0xffff;
		unsigned sum = n + (addr >> 8) + (addr & 0xff);
		o += sprintf(o, ":%02X%04X00", n, addr);
		for (unsigned i = 0; i < n; i++) {
			o += sprintf(o, "%02X", b[off + i]);
			sum += b[off + i];
		}
		o += sprintf(o, "%02X\n", (unsigned)(-(int)sum & 0xff));
	}
	strcpy(o, ":00000001FF\n");
	return out;
}

static void check_image(uint64_t base)
{
	const struct fl_signed_image *s = &img.signed_image;
	ck_assert_ptr_nonnull(s->path);
	ck_assert_uint_eq(s->base, base);
	ck_assert_uint_eq(s->hdr_size, 0x200);
	ck_assert_uint_eq(s->img_size, IMG_PAYLOAD);
	ck_assert_uint_eq(s->load_addr, 0);
	ck_assert_uint_eq(s->ver_major, 1);
	ck_assert_uint_eq(s->ver_minor, 2);
	ck_assert_uint_eq(s->ver_revision, 3);
	ck_assert_uint_eq(s->ver_build, 4);
	ck_assert_uint_eq(s->tlv.n, 1);
	ck_assert_uint_eq(s->tlv.v[0].magic, 0x6907);
	ck_assert_uint_eq(s->tlv.v[0].total, IMG_TLV);
	ck_assert_uint_eq(s->tlv.v[0].offset, 0x300);
	ck_assert_uint_eq(s->tlv.v[0].v.n, 3);
	ck_assert_uint_eq(s->tlv.v[0].v.v[2].type, 0x22);
	ck_assert_uint_eq(s->tlv.v[0].v.v[2].len, 71);
	ck_assert_uint_eq(s->size, 0x200 + 0x100 + 151);
}

START_TEST(test_bin)
{
	unsigned char b[IMG_TOTAL + 64];
	size_t n = make_image(b);
	/* imgtool pads a .bin with 0xff after the TLVs only when asked (--pad). */
	memset(b + n, 0xff, 64);
	const char *p = fl_test_write_temp(&run, "signed-bin", b, n + 64);
	char *bin = fl_printf(run.arena, "%s.bin", p);
	ck_assert_int_eq(rename(p, bin), 0);
	ck_assert_int_eq(fl_signed_read(&run, &img, bin), 0);
	ck_assert_uint_eq(fl_test_count_inp(&run), 0);
	check_image(0);
	unlink(bin);
}
END_TEST

START_TEST(test_hex)
{
	unsigned char b[IMG_TOTAL];
	size_t n = make_image(b);
	char *hex = to_hex(b, n, 0x0000c000);
	const char *p = fl_test_write_temp(&run, "signed-hex", hex, strlen(hex));
	char *path = fl_printf(run.arena, "%s.hex", p);
	ck_assert_int_eq(rename(p, path), 0);
	ck_assert_int_eq(fl_signed_read(&run, &img, path), 0);
	ck_assert_uint_eq(fl_test_count_inp(&run), 0);
	check_image(0xc000);
	unlink(path);

	/* One digit changed in line 3: its checksum no longer adds up. */
	char *nl = strchr(strchr(hex, '\n') + 1, '\n') + 1;
	nl[12] = nl[12] == '0' ? '1' : '0';
	p = fl_test_write_temp(&run, "signed-hex-bad", hex, strlen(hex));
	path = fl_printf(run.arena, "%s.hex", p);
	ck_assert_int_eq(rename(p, path), 0);
	struct fl_image other = { 0 };
	ck_assert_int_eq(fl_signed_read(&run, &other, path), -FL_EFORMAT);
	const struct fl_diag *d = fl_test_inp_at(&run, 3, 0);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "Intel hex record checksum does not add up to 0");
	ck_assert_ptr_null(other.signed_image.path);
	unlink(path);
	free(hex);
}
END_TEST

START_TEST(test_damaged)
{
	unsigned char b[IMG_TOTAL];
	size_t n = make_image(b);
	/* Cut inside the signature: the TLV area runs past the end. */
	const char *p = fl_test_write_temp(&run, "signed-cut", b, n - 10);
	ck_assert_int_eq(fl_signed_read(&run, &img, p), -FL_EFORMAT);
	ck_assert_uint_eq(fl_test_count_inp(&run), 1);
	ck_assert_str_eq(run.diags.v.v[0]->msg,
			 "signed image: TLV area 0x6907 at offset 0x300 of 151 bytes runs past the end of the file (909 bytes)");
	unlink(p);
	/* Not an MCUboot image at all. */
	b[0] = 0;
	p = fl_test_write_temp(&run, "signed-magic", b, n);
	ck_assert_int_eq(fl_signed_read(&run, &img, p), -FL_EFORMAT);
	ck_assert_uint_eq(fl_test_count_inp(&run), 2);
	ck_assert_str_eq(run.diags.v.v[1]->msg,
			 "not an MCUboot image: expected the magic 0x96f3b83d at its start, found 0x96f3b800");
	ck_assert_ptr_null(img.signed_image.path);
	unlink(p);
}
END_TEST

/* The ECDSA signature TLV's real length: its DER encoding is 70, 71 or 72 bytes. */
static unsigned ecdsa_extra(const struct fl_signed_image *s)
{
	fl_vec_for_each(&s->tlv, a)
		fl_vec_for_each(&a->v, t)
			if (t->type == 0x22 && t->len > 70)
				return t->len - 70u;
	return 0;
}

/* Every corpus build with a signed image, from FLASHLINT_CORPUS_ELFS/<case>/build. */
START_TEST(test_corpus_prediction)
{
	const char *dir = getenv("FLASHLINT_CORPUS_ELFS");
	if (!dir || !*dir) {
		printf("check_signed: FLASHLINT_CORPUS_ELFS not set, corpus signed images skipped\n");
		return;
	}
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	struct fl_data data = { 0 };
	ck_assert_int_eq(fl_data_load(&run, &data, FL_SOURCE_DIR "/rules/data"), 0);
	size_t compared = 0;
	for (struct dirent *e = readdir(d); e; e = readdir(d)) {
		if (e->d_name[0] == '.')
			continue;
		char *build = fl_printf(run.arena, "%s/%s/build", dir, e->d_name);
		if (!fl_is_dir(build))
			continue;
		struct fl_run r;
		ck_assert_int_eq(fl_run_init(&r, &fl_catalogue), 0);
		struct fl_model m = { 0 };
		m.data = &data;
		struct fl_layout_opts o = { .build_dir = build };
		if (fl_layout_load(&r, &m, &o) == 0) {
			fl_model_freeze(&r, &m);
			for_each_image(&m, it) {
				const struct fl_signed_image *s = &(*it)->signed_image;
				struct imgtool_params p;
				if (!s->path || !imgtool_params(&m, *it, &p))
					continue;
				uint64_t want = p.image_size + ecdsa_extra(s);
				printf("check_signed: %s: predicted 0x%llx (%s, TLVs 0x%llx, header 0x%llx), signed image 0x%llx (header 0x%x + image 0x%x + TLVs 0x%llx)\n",
				       s->path, (unsigned long long)p.image_size, p.sig.name,
				       (unsigned long long)p.sig.tlv_size, (unsigned long long)p.header_size,
				       (unsigned long long)s->size, s->hdr_size, s->img_size,
				       (unsigned long long)(s->size - s->hdr_size - s->img_size));
				ck_assert_msg(want == s->size, "%s: predicted 0x%llx (+%u for its signature), real 0x%llx",
					      s->path, (unsigned long long)p.image_size, ecdsa_extra(s),
					      (unsigned long long)s->size);
				ck_assert_uint_eq(p.header_size, s->hdr_size);
				compared++;
			}
		}
		fl_run_free(&r);
	}
	closedir(d);
	printf("check_signed: %zu signed images compared\n", compared);
	ck_assert_uint_gt(compared, 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("signed");
	TCase *tc = tcase_create("reader");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_bin);
	tcase_add_test(tc, test_hex);
	tcase_add_test(tc, test_damaged);
	tcase_add_test(tc, test_corpus_prediction);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(suite());
}
