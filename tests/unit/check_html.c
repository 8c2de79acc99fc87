// SPDX-License-Identifier: Apache-2.0
/*
 * The HTML reporter: its escapers byte for byte (HTML text and attributes, JSON in
 * a script data block, the stand-in labels Graphviz lays out, the nonce), and the
 * page of a small hand-built model: its CSP and nonces, exact counts of bands,
 * findings and table rows, links from the finding to the map, hostile names
 * escaped.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/report/html.h"
#include "check_util.h"

/* ---- helpers ------------------------------------------------------------------- */

typedef void (*writer)(FILE *f, const char *s);

static char *capture(writer w, const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	w(f, s);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

static char *capture_max(const char *s, size_t max)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	html_text_max(f, s, max);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

#define ck_assert_writes(w, in, want)                                             \
	do {                                                                      \
		char *got_ = capture((w), (in));                                  \
		ck_assert_str_eq(got_, (want));                                   \
		free(got_);                                                       \
	} while (0)

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

#define ck_assert_has(doc, needle) \
	ck_assert_msg(strstr((doc), (needle)) != NULL, "missing <<%s>>", (needle))
#define ck_assert_lacks(doc, needle) \
	ck_assert_msg(strstr((doc), (needle)) == NULL, "unexpected <<%s>>", (needle))

/* ---- escaping ------------------------------------------------------------------- */

START_TEST(test_text_escapes_markup)
{
	ck_assert_writes(html_text, "<img src=x onerror=alert(1)>",
			 "&lt;img src=x onerror=alert(1)&gt;");
	ck_assert_writes(html_text, "\"><script>alert(1)</script>",
			 "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
	ck_assert_writes(html_text, "&amp;", "&amp;amp;");
	ck_assert_writes(html_text, "'q\"", "&#39;q&quot;");
	ck_assert_writes(html_text, "plain .text_1 / x", "plain .text_1 / x");
	ck_assert_writes(html_text, "", "");
	ck_assert_writes(html_text, NULL, "");
}
END_TEST

START_TEST(test_text_controls_and_utf8)
{
	/* tab and newline stay; other controls and DEL become U+FFFD */
	ck_assert_writes(html_text, "a\tb\nc", "a\tb\nc");
	ck_assert_writes(html_text, "a\x01z\x7f", "a\xef\xbf\xbdz\xef\xbf\xbd");
	/* well-formed UTF-8 is copied, each ill-formed sequence is one U+FFFD */
	ck_assert_writes(html_text, "caf\xc3\xa9 \xe2\x80\xa6", "caf\xc3\xa9 \xe2\x80\xa6");
	ck_assert_writes(html_text, "x\xff" "y", "x\xef\xbf\xbdy");
	ck_assert_writes(html_text, "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"); /* overlong '/' */
	ck_assert_writes(html_text, "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* surrogate */
	ck_assert_writes(html_text, "\xe2\x80", "\xef\xbf\xbd"); /* cut at the end */
	ck_assert_uint_eq(html_chars("caf\xc3\xa9"), 4);
	ck_assert_uint_eq(html_chars("\xff\xfe"), 2);
	ck_assert_uint_eq(html_chars(NULL), 0);
}
END_TEST

START_TEST(test_text_max)
{
	char *s = capture_max("abcdef", 4);
	ck_assert_str_eq(s, "abc\xe2\x80\xa6");
	free(s);
	s = capture_max("abcd", 4);
	ck_assert_str_eq(s, "abcd");
	free(s);
	/* cut by characters, escaped after the cut */
	s = capture_max("\xc3\xa9<\xc3\xa9<\xc3\xa9", 4);
	ck_assert_str_eq(s, "\xc3\xa9&lt;\xc3\xa9\xe2\x80\xa6");
	free(s);
}
END_TEST

START_TEST(test_json_string)
{
	ck_assert_writes(html_json_str, "</script><!--x-->",
			 "\"\\u003c/script\\u003e\\u003c!--x--\\u003e\"");
	ck_assert_writes(html_json_str, "a\"b\\c&d", "\"a\\\"b\\\\c\\u0026d\"");
	ck_assert_writes(html_json_str, "\n\x1f", "\"\\u000a\\u001f\"");
	ck_assert_writes(html_json_str, "\xc3\xa9\xff", "\"\xc3\xa9\\ufffd\"");
	ck_assert_writes(html_json_str, NULL, "\"\"");
}
END_TEST

START_TEST(test_plain_labels)
{
	struct fl_arena *a = fl_arena_new();
	ck_assert_str_eq(html_plain(a, "mcuboot_primary (0x1000)"), "mcuboot_primary (0x1000)");
	ck_assert_str_eq(html_plain(a, "<img src=x>&amp;\\N\"'"), "ximg src=xxxampxxNxx");
	ck_assert_str_eq(html_plain(a, "caf\xc3\xa9!"), "cafxx");
	ck_assert_str_eq(html_plain(a, NULL), "");
	fl_arena_free(a);
}
END_TEST

START_TEST(test_nonce)
{
	char n1[24], n2[24];
	html_nonce(n1);
	html_nonce(n2);
	ck_assert_uint_eq(strlen(n1), 22);
	ck_assert_uint_eq(strspn(n1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), 22);
	ck_assert_str_ne(n1, n2);
}
END_TEST

/* ---- a page ---------------------------------------------------------------------- */

#define HOSTILE "<b>&amp;\"'"

static struct fl_partition *add_partition(struct fl_run *run, struct fl_model *m,
					  const char *name, uint64_t address, uint64_t size,
					  uint32_t line)
{
	struct fl_partition *p = fl_vec_push(run->arena, &m->partitions);
	p->name = name;
	p->address = address;
	p->size = size;
	p->region = "flash_primary";
	p->pos = (struct fl_pos){ "/b/partitions.yml", line, 0 };
	return p;
}

static struct fl_section *add_section(struct fl_run *run, struct fl_image *img,
				      const char *name, uint64_t vma, uint64_t lma, uint64_t size,
				      unsigned flags, int vreg, int lreg, uint32_t line)
{
	struct fl_section *s = fl_vec_push(run->arena, &img->sections);
	s->name = name;
	s->vma = vma;
	s->lma = lma;
	s->size = size;
	s->flags = flags;
	s->vma_region = vreg;
	s->lma_region = lreg;
	s->from_map = true;
	s->pos = (struct fl_pos){ "/b/zephyr/zephyr.map", line, 1 };
	struct fl_input_section *in = fl_vec_push(run->arena, &s->inputs);
	in->name = name;
	in->addr = vma;
	in->size = size;
	in->owner = "app/libapp.a(main.c.obj)";
	in->pos = (struct fl_pos){ "/b/zephyr/zephyr.map", line + 1, 2 };
	return s;
}

/*
 * One Partition Manager region with a container and two partitions (one of them
 * named with markup), one image with FLASH and RAM, three sections (one loaded
 * from FLASH into RAM) and two symbols, and an error at the text section with a
 * note at the hostile partition.
 */
static void build_model(struct fl_run *run, struct fl_model *m)
{
	ck_assert_int_eq(fl_run_init(run, &fl_catalogue), 0);
	memset(m, 0, sizeof(*m));
	m->build_dir = "/b";

	struct fl_pm_region *r = fl_vec_push(run->arena, &m->pm_regions);
	r->name = "flash_primary";
	r->size = 0x100000;
	r->device = "flash_controller";
	r->pos = (struct fl_pos){ "/b/regions.yml", 1, 0 };

	add_partition(run, m, "mcuboot", 0, 0x10000, 1);
	add_partition(run, m, HOSTILE, 0x10000, 0x70000, 5);
	struct fl_partition *c = add_partition(run, m, "mcuboot_primary", 0x10000, 0x70000, 9);
	*fl_vec_push(run->arena, &c->span) = HOSTILE;

	struct fl_image *img = fl_model_add_image(run, m, "app");
	img->role = FL_IMG_OTHER;
	img->map_path = "/b/zephyr/zephyr.map";
	struct fl_region *flash = fl_vec_push(run->arena, &img->regions);
	*flash = (struct fl_region){ .name = "FLASH", .origin = 0x10000, .length = 0x70000,
				     .attrs = "xr", .pos = { "/b/zephyr/zephyr.map", 10, 1 } };
	struct fl_region *ram = fl_vec_push(run->arena, &img->regions);
	*ram = (struct fl_region){ .name = "RAM", .origin = 0x20000000, .length = 0x10000,
				   .attrs = "xw", .pos = { "/b/zephyr/zephyr.map", 11, 1 } };
	add_section(run, img, "text", 0x10000, 0x10000, 0x1000,
		    FL_SEC_ALLOC | FL_SEC_LOAD | FL_SEC_EXEC, 0, 0, 20);
	add_section(run, img, "datas", 0x20000000, 0x11000, 0x100,
		    FL_SEC_ALLOC | FL_SEC_LOAD | FL_SEC_WRITE, 1, 0, 30);
	add_section(run, img, "bss", 0x20000100, 0x20000100, 0x200, FL_SEC_ALLOC | FL_SEC_WRITE,
		    1, 1, 40);
	struct fl_symbol *sym = fl_vec_push(run->arena, &img->symbols);
	*sym = (struct fl_symbol){ "main", 0x10001, 64, 2 /* STT_FUNC */, 1, "text" };
	sym = fl_vec_push(run->arena, &img->symbols);
	*sym = (struct fl_symbol){ "</script>", 0x20000000, 4, 1 /* STT_OBJECT */, 1, "datas" };
	fl_model_freeze(run, m);

	struct fl_diag *d = fl_diag(run, FL_RULE_SEC003, img->sections.v[0].pos,
				    "region 'FLASH' is full of '%s'", HOSTILE);
	d->image = img->name;
	fl_diag_note(run, d, m->partitions.v[1].pos, "partition '%s'", HOSTILE);
	fl_diags_finish(run);
}

static char *render_page(const struct fl_run *run, const struct fl_model *m, const char *tag)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fl_report(&fl_report_html, f, run, m, false), 0);
	ck_assert_int_eq(fclose(f), 0);
	/* CHECK_HTML_PAGES=DIR keeps the pages to look at, as DIR/<tag>.html. */
	const char *keep = getenv("CHECK_HTML_PAGES");
	char path[512];
	snprintf(path, sizeof(path), "%s/%s.html", keep ? keep : ".", tag);
	FILE *k = keep ? fopen(path, "w") : NULL;
	if (k) {
		fputs(buf, k);
		fclose(k);
	}
	return buf;
}

/* Rows of one JSON data block: each starts on a line of its own with '['. */
static size_t rows_of(const char *doc, const char *id)
{
	char open[64];
	snprintf(open, sizeof(open), "id=\"%s\">", id);
	const char *p = strstr(doc, open);
	ck_assert_msg(p != NULL, "no data block %s", id);
	const char *e = strstr(p, "</script>");
	ck_assert_ptr_nonnull(e);
	size_t n = 0;
	for (const char *q = p; (q = strstr(q, "\n[")) && q < e; q += 2)
		n++;
	return n;
}

START_TEST(test_page)
{
	struct fl_run run;
	struct fl_model m;
	build_model(&run, &m);
	char *doc = render_page(&run, &m, "page");

	ck_assert_int_eq(strncmp(doc, "<!DOCTYPE html>\n", 16), 0);
	ck_assert_str_eq(doc + strlen(doc) - 8, "</html>\n");

	/* The CSP admits the page's own style and script by one nonce. */
	const char *csp = strstr(doc, "content=\"default-src 'none'; style-src 'nonce-");
	ck_assert_ptr_nonnull(csp);
	char nonce[23], want[256];
	memcpy(nonce, csp + strlen("content=\"default-src 'none'; style-src 'nonce-"), 22);
	nonce[22] = '\0';
	snprintf(want, sizeof(want),
		 "content=\"default-src 'none'; style-src 'nonce-%s'; script-src 'nonce-%s'; "
		 "base-uri 'none'; form-action 'none'\">", nonce, nonce);
	ck_assert_has(doc, want);
	snprintf(want, sizeof(want), "<style nonce=\"%s\">", nonce);
	ck_assert_uint_eq(count_of(doc, want), 1);
	snprintf(want, sizeof(want), "<script nonce=\"%s\">", nonce);
	ck_assert_uint_eq(count_of(doc, want), 1);
	ck_assert_uint_eq(count_of(doc, "nonce=\""), 2);
	ck_assert_uint_eq(count_of(doc, "<script"), 4); /* the code and three data blocks */
	ck_assert_uint_eq(count_of(doc, "<script type=\"application/json\""), 3);
	ck_assert_lacks(doc, " style=\"");
	ck_assert_lacks(doc, "<img");
	ck_assert_lacks(doc, "<?xml");

	/* Bands: 3 partitions (one spans others) and 3 sections carry their anchors;
	 * the FLASH view shows the two partitions there again as context. */
	ck_assert_uint_eq(count_of(doc, "<g class=\"band k-part"), 2 + 1);
	ck_assert_uint_eq(count_of(doc, "<g class=\"band k-span"), 1);
	ck_assert_uint_eq(count_of(doc, "id=\"p-"), 3);
	ck_assert_uint_eq(count_of(doc, "id=\"s-0-"), 3);
	ck_assert_uint_eq(count_of(doc, "<g class=\"band k-load"), 2); /* datas' load image, twice */
	ck_assert_uint_eq(count_of(doc, "<figure class=\"view"), 3);   /* flash_primary, FLASH, RAM */
	ck_assert_has(doc, "<g class=\"band k-sec f-error\" id=\"s-0-0\">");
	ck_assert_has(doc, "<g class=\"band k-part f-related\" id=\"p-1\">");

	/* One finding, linked to the map and to its rule's doc page. */
	ck_assert_uint_eq(count_of(doc, "<li class=\"finding "), 1);
	ck_assert_has(doc, "<li class=\"finding sev-error\" id=\"f-1\" data-rule=\"SEC003\">");
	ck_assert_has(doc, "<a class=\"maplink\" href=\"#s-0-0\">");
	ck_assert_has(doc, "<a class=\"maplink\" href=\"#p-1\">");
	ck_assert_has(doc, "<a class=\"rule\" href=\"#doc-SEC003\">SEC003</a>");
	ck_assert_uint_eq(count_of(doc, "<article class=\"ruledoc\""), 1);
	ck_assert_has(doc, "<article class=\"ruledoc\" id=\"doc-SEC003\">");

	/* Hostile names: escaped everywhere, never raw. */
	ck_assert_lacks(doc, HOSTILE);
	ck_assert_lacks(doc, "<b>");
	ck_assert_has(doc, "full of &#39;&lt;b&gt;&amp;amp;&quot;&#39;&#39;");
	ck_assert_has(doc, "\"\\u003c/script\\u003e\"");

	/* Tables: 3 sections, 1 object, 2 symbols. */
	ck_assert_uint_eq(rows_of(doc, "t-0-sections"), 3);
	ck_assert_uint_eq(rows_of(doc, "t-0-objects"), 1);
	ck_assert_uint_eq(rows_of(doc, "t-0-symbols"), 2);
	ck_assert_has(doc, "[\"app/libapp.a\",\"main.c.obj\",4352,768,4864,3]");

	/* The diagram is Graphviz's SVG, inlined without its prolog, with the real
	 * names put back in place of the stand-ins. */
	ck_assert_has(doc, "<g id=\"graph0\" class=\"graph\"");
	ck_assert_has(doc, "&lt;b&gt;&amp;amp;&quot;&#39;</text>");
	ck_assert_lacks(doc, "<!DOCTYPE svg");

	free(doc);
	fl_run_free(&run);
}
END_TEST

START_TEST(test_empty_model)
{
	struct fl_run run;
	struct fl_model m = { 0 };
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	fl_diags_finish(&run);
	char *doc = render_page(&run, &m, "empty");
	ck_assert_has(doc, "No findings");
	ck_assert_has(doc, "Nothing to draw");
	ck_assert_uint_eq(count_of(doc, "<figure"), 0);
	ck_assert_str_eq(doc + strlen(doc) - 8, "</html>\n");
	free(doc);
	fl_run_free(&run);
}
END_TEST

static Suite *html_suite(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("escaping");
	tcase_add_test(tc, test_text_escapes_markup);
	tcase_add_test(tc, test_text_controls_and_utf8);
	tcase_add_test(tc, test_text_max);
	tcase_add_test(tc, test_json_string);
	tcase_add_test(tc, test_plain_labels);
	tcase_add_test(tc, test_nonce);
	suite_add_tcase(s, tc);
	tc = tcase_create("page");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_page);
	tcase_add_test(tc, test_empty_model);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(html_suite());
}
