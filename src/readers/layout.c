// SPDX-License-Identifier: Apache-2.0
/*
 * Build-directory discovery: finds the images of a plain Zephyr build, an NCS
 * child-image build or a sysbuild, the Partition Manager files of every domain and
 * the pm_static.yml of the application, then has the readers fill the model.
 * It decides which file belongs to which image; it judges nothing.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "flashlint/layout.h"
#include "flashlint/readers.h"

#define MAX_DEPTH 3 /* build/empty_net_core/b0n/zephyr is the deepest known image */

struct found_image {
	char *dir;      /* the directory holding zephyr/ */
	char *rel;      /* its path relative to the build directory ("" for the root) */
	bool named;     /* given with --image */
};

/* A directory's identity, to visit it once whatever the path. */
struct dir_id {
	dev_t dev;
	ino_t ino;
};

/* A directory met by scan(): its path as reached and its name relative to the
 * build directory, its depth below it. */
struct scan_dir {
	char *dir;
	char *rel;
	int depth;
};

struct layout {
	struct fl_run *run;
	struct fl_model *m;
	const struct fl_layout_opts *o;
	FL_VEC(struct found_image) found;
	FL_VEC(char *) domains;     /* names from domains.yaml */
	const char *default_domain; /* domains.yaml "default:" */
	FL_VEC(struct dir_id) seen; /* directories scan() visited */
	FL_VEC(struct scan_dir) links; /* symbolic links scan() met, to follow last */
};

static bool has_image_files(struct fl_arena *a, const char *zdir)
{
	static const char *const names[] = { ".config", "zephyr.elf", "zephyr.map",
					     "zephyr_pre1.map", "zephyr_pre0.map", "zephyr.dts" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (fl_exists(fl_path_join(a, zdir, names[i])))
			return true;
	return false;
}

static int cmp_found(const void *a, const void *b)
{
	return strcmp(((const struct found_image *)a)->rel, ((const struct found_image *)b)->rel);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool visited(struct layout *l, const struct stat *st)
{
	fl_vec_for_each(&l->seen, s)
		if (s->dev == st->st_dev && s->ino == st->st_ino)
			return true;
	struct dir_id *id = fl_vec_push(l->run->arena, &l->seen);
	id->dev = st->st_dev;
	id->ino = st->st_ino;
	return false;
}

/* Every directory D below the build directory with a D/zephyr/ that holds image
 * files is an image. Each real directory is visited once: the real directories
 * first, then the symbolic links among them, each resolved once, whose target is
 * a directory inside the build directory not visited yet (a link 'loop -> .' adds
 * nothing). A link leaving the build directory is not followed (a note says so);
 * --image names such a directory. The images are sorted by relative path later,
 * so runs are reproducible. */
static void scan(struct layout *l, const char *dir, const char *rel, int depth)
{
	struct fl_arena *a = l->run->arena;
	struct stat st;
	if (stat(dir, &st) != 0 || visited(l, &st))
		return;
	if (has_image_files(a, fl_path_join(a, dir, "zephyr"))) {
		struct found_image *f = fl_vec_push(a, &l->found);
		f->dir = fl_strdup(a, dir);
		f->rel = fl_strdup(a, rel);
	}
	if (depth >= MAX_DEPTH)
		return;
	DIR *d = opendir(dir);
	if (!d)
		return;
	FL_VEC(char *) names = { 0 };
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *n = e->d_name;
		if (n[0] == '.' || !strcmp(n, "zephyr") || !strcmp(n, "CMakeFiles") ||
		    !strcmp(n, "modules") || !strcmp(n, "_sysbuild"))
			continue;
		*fl_vec_push(a, &names) = fl_strdup(a, n);
	}
	closedir(d);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(names.v[0]), cmp_name);
	fl_vec_for_each(&names, n) {
		char *sub = fl_path_join(a, dir, *n);
		char *sub_rel = *rel ? fl_printf(a, "%s/%s", rel, *n) : *n;
		struct stat lst;
		if (lstat(sub, &lst) != 0)
			continue;
		if (S_ISLNK(lst.st_mode))
			*fl_vec_push(a, &l->links) = (struct scan_dir){ sub, sub_rel, depth + 1 };
		else if (S_ISDIR(lst.st_mode))
			scan(l, sub, sub_rel, depth + 1);
	}
}

/* The symbolic links scan() met, in order (following one may add more). */
static void scan_links(struct layout *l, const char *build_dir)
{
	char *root = realpath(build_dir, NULL);
	if (!root)
		return;
	size_t rl = strlen(root);
	for (size_t i = 0; i < l->links.n; i++) {
		struct scan_dir sd = l->links.v[i];
		char *real = realpath(sd.dir, NULL);
		struct stat st;
		if (!real || stat(real, &st) != 0 || !S_ISDIR(st.st_mode)) {
			free(real);
			continue;
		}
		bool inside = !strncmp(real, root, rl) && (real[rl] == '/' || !real[rl] || rl == 1);
		free(real);
		if (inside)
			scan(l, sd.dir, sd.rel, sd.depth);
		else
			fl_note_at(l->run, (struct fl_pos){ sd.dir, 0, 0 },
				   "not followed: a symbolic link out of the build directory (name it with --image NAME=DIR to read it)");
	}
	free(root);
}

static bool domain_listed(const struct layout *l, const char *name)
{
	fl_vec_for_each(&l->domains, d)
		if (!strcmp(*d, name))
			return true;
	return false;
}

/* s[0..n) without the quotes of a quoted YAML scalar, in the arena. */
static char *yaml_plain(struct fl_arena *a, const char *s, size_t n)
{
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0])
		return fl_strndup(a, s + 1, n - 2);
	return fl_strndup(a, s, n);
}

/* domains.yaml is written by sysbuild with a fixed shape: "default: NAME",
 * "build_dir: DIR", a "domains:" list of "- name: NAME" items (with "build_dir:
 * DIR") and a "flash_order:" list of names. Its build_dir values are absolute paths
 * of the machine that built it, so only the names are used. Any other line, a
 * missing default, or a default or flash_order entry that names no domain is an
 * INP001 at its line: a damaged file would silently demote the application. Other
 * top-level keys (of later versions) are skipped with what is indented under them. */
static void read_domains(struct layout *l, const char *path)
{
	struct fl_arena *a = l->run->arena;
	struct fl_buf b;
	fl_model_add_input(l->run, l->m, path, FL_IN_DOMAINS, NULL);
	int rc = fl_buf_read(path, &b, l->run->cfg.max_input);
	if (rc < 0) {
		fl_inp(l->run, path, 0, 0, "cannot read domains.yaml: %s", fl_input_strerror(rc));
		return;
	}
	enum { TOP, DOMAINS, ORDER, SKIP } in = TOP;
	const char *p = b.data, *end = b.len ? b.data + b.len : p, *bad = NULL;
	uint32_t line = 0, default_line = 0;
	uint32_t marker = fl_conflict_marker(b.data, b.len);
	if (marker) {
		fl_inp(l->run, path, marker, 1,
		       "a merge-conflict marker: sysbuild writes no such line (the file was merged by hand?)");
		fl_buf_close(&b);
		return;
	}
	bool item = false; /* in a domains item */
	FL_VEC(char *) order = { 0 };
	FL_VEC(uint32_t) order_line = { 0 };
	while (p < end && !bad) {
		const char *ls = p, *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = ls;
		line++;
		p = nl ? nl + 1 : end;
		while (le > s && (le[-1] == '\r' || le[-1] == ' '))
			le--;
		while (s < le && *s == ' ')
			s++;
		if (s == le || *s == '#')
			continue;
		const char *colon = memchr(s, ':', (size_t)(le - s));
		const char *v = colon ? colon + 1 : le;
		while (v < le && *v == ' ')
			v++;
		size_t kl = colon ? (size_t)(colon - s) : 0;
		if (s == ls) { /* a top-level key */
			if (!colon || (colon + 1 < le && colon[1] != ' ')) {
				bad = "expected 'KEY: VALUE' (default, build_dir, domains, flash_order)";
			} else if (kl == 7 && !memcmp(s, "default", 7) && v < le) {
				l->default_domain = yaml_plain(a, v, (size_t)(le - v));
				default_line = line;
				in = TOP;
			} else if (kl == 7 && !memcmp(s, "domains", 7) && v == le) {
				in = DOMAINS;
			} else if (kl == 11 && !memcmp(s, "flash_order", 11) && v == le) {
				in = ORDER;
			} else if (kl == 9 && !memcmp(s, "build_dir", 9)) {
				in = TOP;
			} else if ((kl == 7 && !memcmp(s, "default", 7)) ||
				   (kl == 7 && !memcmp(s, "domains", 7)) ||
				   (kl == 11 && !memcmp(s, "flash_order", 11))) {
				bad = "expected 'default: NAME', 'domains:' or 'flash_order:' followed by a list";
			} else {
				in = SKIP;
			}
			item = false;
			continue;
		}
		if (in == SKIP)
			continue;
		bool dash = le - s >= 2 && s[0] == '-' && s[1] == ' ';
		if (in == DOMAINS && dash && (size_t)(le - s) > 8 && !memcmp(s, "- name: ", 8)) {
			const char *n = s + 8;
			while (n < le && *n == ' ')
				n++;
			*fl_vec_push(a, &l->domains) = yaml_plain(a, n, (size_t)(le - n));
			item = true;
		} else if (in == DOMAINS && item && !dash && colon && kl) {
			; /* build_dir: DIR of the item */
		} else if (in == ORDER && dash && le - s > 2) {
			*fl_vec_push(a, &order) = yaml_plain(a, s + 2, (size_t)(le - s - 2));
			*fl_vec_push(a, &order_line) = line;
		} else {
			bad = in == DOMAINS ? "expected '- name: NAME' or the item's 'build_dir: DIR'"
			    : in == ORDER   ? "expected '- NAME', a domain to flash"
					    : "expected a top-level 'KEY: VALUE'";
		}
	}
	if (bad)
		fl_inp(l->run, path, line, 1, "%s", bad);
	else if (!l->default_domain)
		fl_inp(l->run, path, 0, 0, "no 'default: NAME': the application's domain is not named");
	else if (!domain_listed(l, l->default_domain))
		fl_inp(l->run, path, default_line, 1, "default domain '%s' is not in the domains list",
		       l->default_domain);
	else
		for (size_t i = 0; i < order.n; i++)
			if (!domain_listed(l, order.v[i])) {
				fl_inp(l->run, path, order_line.v[i], 3,
				       "flash_order names '%s', which is not in the domains list",
				       order.v[i]);
				break;
			}
	fl_buf_close(&b);
}

/* The value of "KEY:TYPE=VALUE" in a CMakeCache.txt buffer, or NULL. */
static char *cmake_cache_get(struct fl_arena *a, const struct fl_buf *b, const char *key)
{
	size_t kl = strlen(key);
	const char *p = b->data, *end = b->data + b->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *eq;
		if ((size_t)(le - p) > kl + 1 && !memcmp(p, key, kl) && p[kl] == ':' &&
		    (eq = memchr(p, '=', (size_t)(le - p)))) {
			const char *ve = le;
			while (ve > eq + 1 && ve[-1] == '\r')
				ve--;
			return ve > eq + 1 ? fl_strndup(a, eq + 1, (size_t)(ve - eq - 1)) : NULL;
		}
		p = nl ? nl + 1 : end;
	}
	return NULL;
}

/* A CMake cache is comments (// or #), blank lines and KEY:TYPE=VALUE lines (KEY
 * may be quoted). False, with an INP001 at the first other line, when it is not
 * one: an empty or damaged cache would silently hide pm_static.yml. */
static bool cmake_cache_valid(struct layout *l, const char *path, const struct fl_buf *b)
{
	if (!b->len) {
		fl_inp(l->run, path, 0, 0, "empty CMake cache: expected KEY:TYPE=VALUE lines");
		return false;
	}
	const char *p = b->data, *end = b->data + b->len;
	for (uint32_t line = 1; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = p;
		while (le > s && (le[-1] == '\r' || le[-1] == ' ' || le[-1] == '\t'))
			le--;
		p = nl ? nl + 1 : end;
		if (s == le || *s == '#' || (le - s >= 2 && s[0] == '/' && s[1] == '/'))
			continue;
		const char *k = s;
		if (*s == '"') {
			const char *q = memchr(s + 1, '"', (size_t)(le - s - 1));
			k = q ? q + 1 : le;
		}
		const char *colon = memchr(k, ':', (size_t)(le - k)), *t = colon ? colon + 1 : le;
		while (t < le && *t >= 'A' && *t <= 'Z')
			t++;
		if (!colon || colon == s || t == colon + 1 || t == le || *t != '=') {
			fl_inp(l->run, path, line, 1, "expected a CMake cache entry KEY:TYPE=VALUE");
			return false;
		}
	}
	return true;
}

/* pm_static.yml lives in the application's source directory, which only the
 * CMake cache names: PM_STATIC_YML_FILE when set, else <source dir>/pm_static.yml. */
static const char *find_pm_static(struct layout *l, const char *dir)
{
	struct fl_arena *a = l->run->arena;
	struct fl_buf b;
	const char *found = NULL;
	const char *cache = fl_path_join(a, dir, "CMakeCache.txt");
	if (!fl_exists(cache))
		return NULL;
	int rc = fl_buf_read(cache, &b, l->run->cfg.max_input);
	if (rc < 0) {
		fl_inp(l->run, cache, 0, 0, "cannot read the CMake cache: %s", fl_input_strerror(rc));
		return NULL;
	}
	if (!cmake_cache_valid(l, cache, &b)) {
		fl_buf_close(&b);
		return NULL;
	}
	char *f = cmake_cache_get(a, &b, "PM_STATIC_YML_FILE");
	if (f) {
		char *semi = strchr(f, ';');
		if (semi)
			*semi = '\0';
		if (fl_exists(f))
			found = f;
	}
	static const char *const keys[] = { "APPLICATION_SOURCE_DIR", "APP_DIR" };
	for (size_t i = 0; i < 2 && !found; i++) {
		char *src = cmake_cache_get(a, &b, keys[i]);
		char *p = src ? fl_path_join(a, src, "pm_static.yml") : NULL;
		if (p && fl_exists(p))
			found = p;
	}
	fl_buf_close(&b);
	return found;
}

static void read_pm_file(struct layout *l, const char *path, enum fl_input_kind kind,
			 const char *domain)
{
	fl_model_add_input(l->run, l->m, path, kind, NULL);
	fl_pm_read(l->run, l->m, path, kind, domain);
}

/* partitions.yml / partitions_<DOMAIN>.yml and regions*.yml of one directory. */
static void read_pm_dir(struct layout *l, const char *dir)
{
	struct fl_arena *a = l->run->arena;
	DIR *d = opendir(dir);
	if (!d)
		return;
	FL_VEC(char *) names = { 0 };
	struct dirent *e;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, "partitions", 10) || !strncmp(e->d_name, "regions", 7))
			*fl_vec_push(a, &names) = fl_strdup(a, e->d_name);
	closedir(d);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(names.v[0]), cmp_name);
	for (size_t i = 0; i < names.n; i++) {
		const char *n = names.v[i];
		bool part = !strncmp(n, "partitions", 10);
		const char *rest = n + (part ? 10 : 7);
		size_t rl = strlen(rest);
		if (rl < 4 || strcmp(rest + rl - 4, ".yml"))
			continue;
		const char *domain = NULL;
		if (rl > 4) {
			if (rest[0] != '_')
				continue;
			domain = fl_strndup(a, rest + 1, rl - 5);
		}
		read_pm_file(l, fl_path_join(a, dir, n),
			     part ? FL_IN_PM_PARTITIONS : FL_IN_PM_REGIONS, domain);
	}
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* The first of zephyr.elf, <image>.elf that exists in zdir. */
static const char *pick(struct fl_arena *a, const char *zdir, const char *image, const char *ext)
{
	char *p = fl_path_join(a, zdir, fl_printf(a, "zephyr.%s", ext));
	if (fl_exists(p))
		return p;
	p = fl_path_join(a, zdir, fl_printf(a, "%s.%s", image, ext));
	return fl_exists(p) ? p : NULL;
}

static void read_image_files(struct layout *l, struct fl_image *img, const char *elf,
			     const char *map, const char *config, const char *dts)
{
	struct fl_run *run = l->run;
	if (config) {
		fl_model_add_input(run, l->m, config, FL_IN_CONFIG, img->name);
		fl_kconfig_read(run, &img->kconfig, config);
	}
	if (dts) {
		fl_model_add_input(run, l->m, dts, FL_IN_DTS, img->name);
		if (fl_dts_read(run, &img->dt, dts) == 0)
			fl_dt_devices(run, img);
		/* Beside it, the ordinals that name __device_dts_ord_N (newer Zephyr
		 * writes the header one directory deeper, Zephyr before 2.7 calls it
		 * devicetree_unfixed.h). */
		static const char *const gen[] = { "include/generated/zephyr/devicetree_generated.h",
						   "include/generated/devicetree_generated.h",
						   "include/generated/devicetree_unfixed.h" };
		const char *slash = strrchr(dts, '/');
		const char *dir = img->dir ? img->dir
			   : slash ? fl_strndup(run->arena, dts, (size_t)(slash - dts)) : ".";
		for (size_t i = 0; i < 3; i++) {
			const char *h = fl_path_join(run->arena, dir, gen[i]);
			if (fl_exists(h)) {
				fl_dt_ordinals_read(run, img, h);
				break;
			}
		}
	}
	if (elf) {
		fl_model_add_input(run, l->m, elf, FL_IN_ELF, img->name);
		fl_elf_read(run, img, elf);
	}
	if (map) {
		fl_model_add_input(run, l->m, map, FL_IN_MAP, img->name);
		fl_ldmap_read(run, img, map);
	}
	/* Its signed image, where the build keeps one beside the ELF or map (MCUboot
	 * itself is not signed). */
	const char *beside = elf ? elf : map;
	const char *slash = beside ? strrchr(beside, '/') : NULL;
	if (beside && !fl_kconfig_is_y(&img->kconfig, "CONFIG_MCUBOOT") &&
	    strcmp(base_name(img->name), "mcuboot")) {
		const char *zdir = slash ? fl_strndup(run->arena, beside, (size_t)(slash - beside)) : ".";
		const char *names[] = { "zephyr.signed.bin", fl_printf(run->arena, "%s.signed.bin", img->name),
					"app_update.bin", "zephyr.signed.hex",
					fl_printf(run->arena, "%s.signed.hex", img->name), "app_signed.hex" };
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			const char *p = fl_path_join(run->arena, zdir, names[i]);
			if (!fl_is_file(p))
				continue;
			fl_model_add_input(run, l->m, p, FL_IN_SIGNED, img->name);
			fl_signed_read(run, img, p);
			break;
		}
	}
}

/* The Partition Manager domain of an image: the domain D of a partitions_D.yml
 * whose name ends the image's SoC symbol (CONFIG_SOC_NRF5340_CPUNET=y belongs to
 * CPUNET). Images of the default domain have none. */
static const char *image_domain(const struct fl_model *m, const struct fl_image *img)
{
	const char *domains[8];
	size_t nd = 0;
	fl_vec_for_each(&m->partitions, p) {
		size_t i = 0;
		while (p->domain && i < nd && strcmp(domains[i], p->domain))
			i++;
		if (p->domain && i == nd && nd < 8)
			domains[nd++] = p->domain;
	}
	if (!nd)
		return NULL;
	fl_vec_for_each(&img->kconfig.v, e) {
		if (strncmp(e->name, "CONFIG_SOC_", 11) || strcmp(e->value, "y"))
			continue;
		size_t nl = strlen(e->name);
		for (size_t i = 0; i < nd; i++) {
			size_t dl = strlen(domains[i]);
			if (nl > 11 + dl && e->name[nl - dl - 1] == '_' &&
			    !strcmp(e->name + nl - dl, domains[i]))
				return domains[i];
		}
	}
	return NULL;
}

static bool is_app_dir(const struct layout *l, const char *rel)
{
	return l->default_domain ? !strcmp(rel, l->default_domain) : !*rel;
}

/* Files given on the command line describe the application and take the place of
 * the discovered ones. */
static void add_found_image(struct layout *l, const struct found_image *f)
{
	struct fl_arena *a = l->run->arena;
	const struct fl_layout_opts *o = l->o;
	const char *zdir = fl_path_join(a, f->dir, "zephyr");
	const char *name = *f->rel ? f->rel : "app";
	bool app = is_app_dir(l, f->rel);
	struct fl_image *img = fl_model_add_image(l->run, l->m, name);
	img->dir = zdir;
	const char *stem = base_name(name);
	const char *elf = app && o->elf ? o->elf : pick(a, zdir, stem, "elf");
	const char *map = app && o->map ? o->map : pick(a, zdir, stem, "map");
	if (!map && !elf) {
		static const char *const stages[] = { "zephyr_pre1.map", "zephyr_pre0.map" };
		for (size_t i = 0; i < 2 && !map; i++) {
			char *p = fl_path_join(a, zdir, stages[i]);
			if (fl_exists(p)) {
				map = p;
				img->map_is_stage = true;
				fl_note_at(l->run, (struct fl_pos){ p, 0, 0 },
					   "image '%s' has no final zephyr.map or ELF (its link failed?): reading the stage map %s",
					   name, stages[i]);
			}
		}
	}
	const char *config = fl_path_join(a, zdir, ".config");
	if (app && o->config)
		config = o->config;
	else if (!fl_exists(config))
		config = NULL;
	const char *dts = fl_path_join(a, zdir, "zephyr.dts");
	if (app && o->dts)
		dts = o->dts;
	else if (!fl_exists(dts))
		dts = NULL;
	read_image_files(l, img, elf, map, config, dts);
}

/* TF-M's secure image is built by its own CMake project inside the application's
 * build directory: <image>/tfm/bin/tfm_s.{elf,map}. It has no .config or
 * devicetree of its own. */
static void add_tfm_image(struct layout *l, const struct found_image *f)
{
	struct fl_arena *a = l->run->arena;
	const char *bin = fl_path_join(a, f->dir, "tfm/bin");
	const char *elf = fl_path_join(a, bin, "tfm_s.elf");
	const char *map = fl_path_join(a, bin, "tfm_s.map");
	bool has_elf = fl_exists(elf), has_map = fl_exists(map);
	if (!has_elf && !has_map)
		return;
	struct fl_image *img =
		fl_model_add_image(l->run, l->m, *f->rel ? fl_printf(a, "%s/tfm", f->rel) : "tfm");
	img->dir = bin;
	read_image_files(l, img, has_elf ? elf : NULL, has_map ? map : NULL, NULL, NULL);
}

static bool has_app_dir(const struct layout *l)
{
	fl_vec_for_each(&l->found, f)
		if (is_app_dir(l, f->rel))
			return true;
	return false;
}

/* --image NAME=DIR: DIR is an image's build directory (holding zephyr/) or its
 * zephyr/ directory itself. It takes the place of a discovered image of the same
 * name ("app" is the root image of a build without sysbuild). */
static int add_named_image(struct layout *l, const char *name, const char *dir)
{
	struct fl_arena *a = l->run->arena;
	const char *root = dir;
	if (!has_image_files(a, fl_path_join(a, dir, "zephyr"))) {
		if (!has_image_files(a, dir)) {
			fl_inp(l->run, dir, 0, 0,
			       "--image %s=%s: no zephyr.elf, zephyr.map, zephyr.dts or .config in it or in its zephyr/",
			       name, dir);
			return -FL_ENOINPUT;
		}
		const char *slash = strrchr(dir, '/');
		root = slash ? fl_strndup(a, dir, (size_t)(slash - dir)) : "..";
	}
	const char *rel = !l->default_domain && !strcmp(name, "app") ? "" : name;
	fl_vec_for_each(&l->found, f)
		if (!strcmp(f->rel, rel)) {
			f->dir = fl_strdup(a, root);
			f->named = true;
			return 0;
		}
	struct found_image *f = fl_vec_push(a, &l->found);
	f->dir = fl_strdup(a, root);
	f->rel = fl_strdup(a, rel);
	f->named = true;
	return 0;
}

static void assign_roles(struct layout *l)
{
	struct fl_model *m = l->m;
	struct fl_image *app = NULL;
	for_each_image(m, it) {
		struct fl_image *img = *it;
		const char *stem = base_name(img->name);
		if (fl_kconfig_is_y(&img->kconfig, "CONFIG_MCUBOOT") || !strcmp(stem, "mcuboot"))
			img->role = FL_IMG_MCUBOOT;
		else if (l->default_domain && !strcmp(img->name, l->default_domain))
			app = img;
		else if (!l->default_domain && !strcmp(img->name, "app"))
			app = img;
		img->domain = image_domain(m, img);
	}
	if (app)
		app->role = FL_IMG_APP;
}

int fl_layout_load(struct fl_run *run, struct fl_model *m, const struct fl_layout_opts *o)
{
	struct fl_arena *a = run->arena;
	struct layout l = { .run = run, .m = m, .o = o };
	const char *b = o->build_dir;

	if (b) {
		if (!fl_is_dir(b)) {
			fl_inp(run, b, 0, 0, "not a build directory: %s",
			       fl_is_file(b) ? "it is a file" : strerror(errno));
			return -FL_ENOINPUT;
		}
		m->build_dir = b;
		char *dom = fl_path_join(a, b, "domains.yaml");
		if (fl_exists(dom))
			read_domains(&l, dom);
		read_pm_dir(&l, b);
		scan(&l, b, "", 0);
		scan_links(&l, b);
		if (l.found.n > 1)
			qsort(l.found.v, l.found.n, sizeof(l.found.v[0]), cmp_found);
	}
	for (size_t i = 0; i < o->n_images; i++)
		if (add_named_image(&l, o->image_names[i], o->image_dirs[i]) < 0)
			return -FL_ENOINPUT;
	/* Partition files of child-image domains live beside those images. */
	fl_vec_for_each(&l.found, f)
		if (*f->rel && b)
			read_pm_dir(&l, f->dir);
	fl_vec_for_each(&l.found, f) {
		if (!*f->rel && l.domains.n) {
			/* A sysbuild's own zephyr/.config holds SB_CONFIG_*; it is not
			 * an image unless something was linked there. */
			char *z = fl_path_join(a, f->dir, "zephyr");
			if (!pick(a, z, "zephyr", "elf") && !pick(a, z, "zephyr", "map")) {
				char *cfg = fl_path_join(a, z, ".config");
				if (fl_exists(cfg)) {
					fl_model_add_input(run, m, cfg, FL_IN_CONFIG, NULL);
					fl_kconfig_read(run, &m->sysbuild, cfg);
				}
				continue;
			}
		}
		if (l.domains.n && *f->rel && !f->named && !domain_listed(&l, f->rel))
			continue;
		add_found_image(&l, f);
		add_tfm_image(&l, f);
	}
	const char *st = b && !o->pm ? find_pm_static(&l, b) : NULL;
	if (st)
		read_pm_file(&l, st, FL_IN_PM_STATIC, NULL);

	if (o->pm) {
		const char *bn = base_name(o->pm);
		read_pm_file(&l, o->pm,
			     !strncmp(bn, "pm_static", 9) ? FL_IN_PM_STATIC : FL_IN_PM_PARTITIONS,
			     NULL);
	}
	if ((o->elf || o->map || o->config || o->dts) && !has_app_dir(&l)) {
		struct fl_image *app =
			fl_model_add_image(run, m, l.default_domain ? l.default_domain : "app");
		read_image_files(&l, app, o->elf, o->map, o->config, o->dts);
	}
	assign_roles(&l);

	if (!m->images.n && !m->partitions.n && !m->static_partitions.n) {
		fl_inp(run, b ? b : "flashlint", 0, 0,
		       "no image (zephyr/zephyr.elf, zephyr/zephyr.map) and no partition file found");
		return -FL_ENOINPUT;
	}
	return 0;
}
