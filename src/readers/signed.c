// SPDX-License-Identifier: Apache-2.0
/*
 * Signed-image reader: the MCUboot image header and TLV areas of a signed image the
 * build holds, from a raw .bin or an Intel .hex (read exactly: record checksums,
 * extended segment and linear addresses). It judges nothing; a file that is not a
 * signed image, or is cut short, becomes INP001.
 */
#include <string.h>

#include "flashlint/readers.h"

#define IMAGE_MAGIC 0x96f3b83du
#define TLV_INFO_MAGIC 0x6907u
#define TLV_PROT_INFO_MAGIC 0x6908u
#define HEADER_BYTES 32u
/* The largest image a hex file may describe: flash of any MCU this reads. */
#define HEX_MAX_SPAN (256u << 20)

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One data record of a hex file. */
struct hex_rec {
	uint64_t addr;
	const char *hex;   /* its data, as hex digits */
	unsigned len;
};

/* The bytes of an Intel hex file, from its lowest address: *out (arena), *len,
 * *base. Returns false after reporting an INP001. */
static bool hex_read(struct fl_run *run, const char *path, const char *buf, size_t size,
		     unsigned char **out, size_t *len, uint64_t *base)
{
	FL_VEC(struct hex_rec) recs = { 0 };
	uint64_t upper = 0, lo = UINT64_MAX, hi = 0;
	uint32_t line = 0;
	bool eof = false;
	const char *p = buf, *end = buf + size;
	while (p < end && !eof) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		line++;
		const char *q = p;
		p = nl ? nl + 1 : end;
		while (le > q && (le[-1] == '\r' || le[-1] == ' '))
			le--;
		if (q == le)
			continue;
		size_t n = (size_t)(le - q);
		if (*q != ':' || n < 11 || (n - 1) % 2) {
			fl_inp(run, path, line, 1, "not an Intel hex record: expected ':' and an even number of hex digits");
			return false;
		}
		unsigned char b[5];
		unsigned sum = 0;
		for (size_t i = 1; i < n; i += 2) {
			int h = hex_digit(q[i]), l = hex_digit(q[i + 1]);
			if (h < 0 || l < 0) {
				fl_inp(run, path, line, (uint32_t)i + 1, "not a hex digit in an Intel hex record");
				return false;
			}
			unsigned v = (unsigned)(h * 16 + l);
			sum += v;
			if (i / 2 < 4)
				b[i / 2] = (unsigned char)v;
		}
		unsigned count = b[0], type = b[3];
		if (n != 11 + 2 * (size_t)count) {
			fl_inp(run, path, line, 1, "Intel hex record of %u data bytes has %zu characters, expected %u",
			       count, n, 11 + 2 * count);
			return false;
		}
		if (sum & 0xff) {
			fl_inp(run, path, line, (uint32_t)n - 1, "Intel hex record checksum does not add up to 0");
			return false;
		}
		uint64_t addr = (uint64_t)b[1] << 8 | b[2];
		const char *data = q + 9;
		switch (type) {
		case 0: {
			if (!count)
				break;
			struct hex_rec *r = fl_vec_push(run->arena, &recs);
			*r = (struct hex_rec){ upper + addr, data, count };
			if (r->addr < lo)
				lo = r->addr;
			if (r->addr + count > hi)
				hi = r->addr + count;
			break;
		}
		case 1:
			eof = true;
			break;
		case 2:
		case 4: {
			if (count != 2) {
				fl_inp(run, path, line, 1, "Intel hex address record with %u data bytes, expected 2", count);
				return false;
			}
			uint64_t v = (uint64_t)(hex_digit(data[0]) << 12 | hex_digit(data[1]) << 8 |
						hex_digit(data[2]) << 4 | hex_digit(data[3]));
			upper = type == 2 ? v << 4 : v << 16;
			break;
		}
		case 3:
		case 5:
			break; /* start address */
		default:
			fl_inp(run, path, line, 8, "unknown Intel hex record type %u", type);
			return false;
		}
	}
	if (!recs.n) {
		fl_inp(run, path, line, 0, "Intel hex file without data records");
		return false;
	}
	if (hi - lo > HEX_MAX_SPAN) {
		fl_inp(run, path, 0, 0, "Intel hex data spans 0x%llx..0x%llx, more than %u MiB",
		       (unsigned long long)lo, (unsigned long long)hi, HEX_MAX_SPAN >> 20);
		return false;
	}
	unsigned char *img = fl_alloc(run->arena, (size_t)(hi - lo));
	memset(img, 0xff, (size_t)(hi - lo));
	fl_vec_for_each(&recs, r)
		for (unsigned i = 0; i < r->len; i++)
			img[r->addr - lo + i] = (unsigned char)(hex_digit(r->hex[2 * i]) << 4 |
								 hex_digit(r->hex[2 * i + 1]));
	*out = img;
	*len = (size_t)(hi - lo);
	*base = lo;
	return true;
}

static uint64_t get(const unsigned char *p, unsigned n, bool big)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[big ? n - 1 - i : i] << (8 * i);
	return v;
}

/* The header and TLV areas of the image in b[0..len). */
static bool signed_parse(struct fl_run *run, const char *path, const unsigned char *b, size_t len,
			 struct fl_signed_image *s)
{
	if (len < HEADER_BYTES) {
		fl_inp(run, path, 0, 0, "signed image of %zu bytes: expected an MCUboot image header of %u bytes",
		       len, HEADER_BYTES);
		return false;
	}
	s->big_endian = get(b, 4, false) != IMAGE_MAGIC && get(b, 4, true) == IMAGE_MAGIC;
	bool be = s->big_endian;
	if (get(b, 4, be) != IMAGE_MAGIC) {
		fl_inp(run, path, 0, 0, "not an MCUboot image: expected the magic 0x%08x at its start, found 0x%08llx",
		       IMAGE_MAGIC, (unsigned long long)get(b, 4, false));
		return false;
	}
	s->load_addr = (uint32_t)get(b + 4, 4, be);
	s->hdr_size = (uint16_t)get(b + 8, 2, be);
	s->protect_tlv_size = (uint16_t)get(b + 10, 2, be);
	s->img_size = (uint32_t)get(b + 12, 4, be);
	s->flags = (uint32_t)get(b + 16, 4, be);
	s->ver_major = b[20];
	s->ver_minor = b[21];
	s->ver_revision = (uint16_t)get(b + 22, 2, be);
	s->ver_build = (uint32_t)get(b + 24, 4, be);
	uint64_t off = (uint64_t)s->hdr_size + s->img_size;
	if (off + 4 > len) {
		fl_inp(run, path, 0, 0,
		       "signed image: header 0x%x + image 0x%x bytes leave no TLV area in its %zu bytes",
		       s->hdr_size, s->img_size, len);
		return false;
	}
	while (off + 4 <= len) {
		unsigned magic = (unsigned)get(b + off, 2, be);
		if (magic != TLV_INFO_MAGIC && magic != TLV_PROT_INFO_MAGIC)
			break;
		struct fl_tlv_area *a = fl_vec_push(run->arena, &s->tlv);
		a->magic = (uint16_t)magic;
		a->total = (uint16_t)get(b + off + 2, 2, be);
		a->offset = off;
		if (a->total < 4 || off + a->total > len) {
			fl_inp(run, path, 0, 0,
			       "signed image: TLV area 0x%x at offset 0x%llx of %u bytes runs past the end of the file (%zu bytes)",
			       magic, (unsigned long long)off, a->total, len);
			return false;
		}
		for (uint64_t t = off + 4; t < off + a->total;) {
			if (t + 4 > off + a->total) {
				fl_inp(run, path, 0, 0, "signed image: TLV at offset 0x%llx cut short by the end of its area",
				       (unsigned long long)t);
				return false;
			}
			struct fl_tlv *tlv = fl_vec_push(run->arena, &a->v);
			tlv->type = (uint16_t)get(b + t, 2, be);
			tlv->len = (uint16_t)get(b + t + 2, 2, be);
			t += 4u + tlv->len;
			if (t > off + a->total) {
				fl_inp(run, path, 0, 0,
				       "signed image: TLV 0x%x of %u bytes runs past the end of its area at offset 0x%llx",
				       tlv->type, tlv->len, (unsigned long long)(off + a->total));
				return false;
			}
		}
		off += a->total;
	}
	if (!s->tlv.n) {
		fl_inp(run, path, 0, 0, "signed image: no TLV area (magic 0x6907) after header 0x%x + image 0x%x",
		       s->hdr_size, s->img_size);
		return false;
	}
	s->size = off;
	return true;
}

int fl_signed_read(struct fl_run *run, struct fl_image *img, const char *path)
{
	struct fl_buf buf;
	const char *p = fl_strdup(run->arena, path);
	int err = fl_buf_read(path, &buf, run->cfg.max_input);
	if (err < 0) {
		fl_inp(run, p, 0, 0, "cannot read the signed image: %s", fl_input_strerror(err));
		return -FL_EIO;
	}
	struct fl_signed_image s = { .path = p };
	const unsigned char *bytes = (const unsigned char *)buf.data;
	size_t len = buf.len;
	int rc = 0;
	size_t pl = strlen(path);
	if (pl > 4 && !strcmp(path + pl - 4, ".hex")) {
		unsigned char *h;
		if (!hex_read(run, p, buf.data, buf.len, &h, &len, &s.base)) {
			rc = -FL_EFORMAT;
			goto out;
		}
		bytes = h;
	}
	if (!signed_parse(run, p, bytes, len, &s)) {
		rc = -FL_EFORMAT;
		goto out;
	}
	img->signed_image = s;
out:
	fl_buf_close(&buf);
	return rc;
}
