// SPDX-License-Identifier: Apache-2.0
/*
 * The diagram of the HTML report: images → partitions → memories → devices, who
 * uses what, laid out by Graphviz (cgraph + gvc, in-process) and inlined as SVG.
 * Graphviz never sees a name from the inputs: it lays out stand-in labels of the
 * same width (html_plain), and the SVG it returns gets the real names, escaped
 * here, in place of those labels. An edge is red when a finding is about both of
 * its ends. Graphviz runs with only the two plugins the diagram needs, and is
 * itself loaded (dlopen) only when a diagram is drawn: no other command pays for
 * its libraries at start-up.
 */
#include <dlfcn.h>
#include <gvc.h>
#include <gvplugin.h>
#include <inttypes.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "flashlint/imgtool.h"

#define MAX_LINES 3
#define LABEL_CHARS 40
#define MAX_NODES 400   /* past this a diagram is unreadable and dot gets slow */

enum node_kind { N_IMAGE, N_PARTITION, N_REGION, N_DEVICE, N_LINKER };

struct gnode {
	enum node_kind kind;
	const char *line[MAX_LINES];   /* label lines; line[0] may come from the inputs */
	size_t nlines;
	const char *tip;               /* full name for the tooltip, from the inputs */
	int obj;                       /* object it stands for, or -1 */
	size_t image;                  /* N_IMAGE, N_LINKER: index of the image */
	int region;                    /* N_LINKER: index of the image's region */
	Agnode_t *ag;
};

struct gedge {
	size_t from, to;
	const char *label;             /* fixed words */
	const char *style;
};

struct graph {
	struct html_ctx *c;
	FL_VEC(struct gnode) nodes;
	FL_VEC(struct gedge) edges;
};

static size_t add_node(struct graph *g, enum node_kind kind, const char *tip, int obj)
{
	struct gnode *n = fl_vec_push(g->c->a, &g->nodes);
	n->kind = kind;
	n->tip = tip ? tip : "";
	n->obj = obj;
	n->region = -1;
	return g->nodes.n - 1;
}

static void add_line(struct graph *g, size_t node, const char *s)
{
	struct gnode *n = &g->nodes.v[node];
	if (n->nlines < MAX_LINES)
		n->line[n->nlines++] = s && *s ? s : "(unnamed)";
	(void)g;
}

static void add_edge(struct graph *g, size_t from, size_t to, const char *label, const char *style)
{
	fl_vec_for_each(&g->edges, e)
		if (e->from == from && e->to == to)
			return;
	*fl_vec_push(g->c->a, &g->edges) = (struct gedge){ from, to, label, style };
}

/* ---- which findings touch a node ---------------------------------------------------- */

static bool finding_has_obj(const struct html_finding *f, int obj)
{
	if (obj < 0)
		return false;
	if (f->obj == obj)
		return true;
	for (size_t i = 0; i < f->d->notes.n; i++)
		if (f->note_obj[i] == obj)
			return true;
	return false;
}

static bool touches(const struct graph *g, const struct html_finding *f, const struct gnode *n)
{
	const struct html_ctx *c = g->c;
	switch (n->kind) {
	case N_IMAGE:
		return f->d->image && !strcmp(f->d->image, c->m->images.v[n->image]->name);
	case N_LINKER: {
		if (finding_has_obj(f, c->region_obj[n->image][n->region]))
			return true;
		const struct fl_image *img = c->m->images.v[n->image];
		for (size_t j = 0; j < img->sections.n; j++)
			if ((img->sections.v[j].vma_region == n->region ||
			     img->sections.v[j].lma_region == n->region) &&
			    finding_has_obj(f, c->section_obj[n->image][j]))
				return true;
		return false;
	}
	case N_PARTITION:
	case N_REGION:
	case N_DEVICE: /* devicetree devices; Partition Manager's have no object */
		return finding_has_obj(f, n->obj);
	}
	return false;
}

/* ---- the graph from the model --------------------------------------------------------- */

static const char *role_words(enum fl_image_role r)
{
	switch (r) {
	case FL_IMG_APP:
		return "application image";
	case FL_IMG_MCUBOOT:
		return "MCUboot image";
	case FL_IMG_OTHER:
		break;
	}
	return "image";
}

static const char *range_line(struct fl_arena *a, uint64_t start, uint64_t size)
{
	char h[32];
	return fl_printf(a, "0x%" PRIx64 " +%s", start, html_human_size(h, size));
}

/* The smallest leaf partition of a CPU-addressed region of img's domain holding addr. */
static int partition_at(const struct fl_model *m, const struct fl_image *img,
			const struct fl_partition *pv, size_t pn, uint64_t addr)
{
	int best = -1;
	for (size_t i = 0; i < pn; i++) {
		const struct fl_partition *p = &pv[i];
		if (p->span.n || (!p->from_dts && !fl_str_eq(p->domain, img->domain)) || addr < p->address ||
		    addr >= fl_end(p->address, p->size))
			continue;
		struct slot_memory mem;
		if (!imgtool_slot_memory(m, img, p, &mem) || mem.lo > p->address)
			continue;
		if (best < 0 || p->size < pv[best].size)
			best = (int)i;
	}
	return best;
}

/* An MCUboot slot: Partition Manager's names, or devicetree's slotN_partition and
 * scratch_partition labels. */
static bool is_slot_name(const char *name)
{
	size_t n = strlen(name);
	return !strncmp(name, "mcuboot_primary", 15) || !strncmp(name, "mcuboot_secondary", 17) ||
	       !strcmp(name, "mcuboot_scratch") || !strcmp(name, "scratch_partition") ||
	       (!strncmp(name, "slot", 4) && n > 14 && !strcmp(name + n - 10, "_partition"));
}

/* The node of `kind` standing for object obj, or SIZE_MAX. */
static size_t node_of(const struct graph *g, enum node_kind kind, int obj)
{
	for (size_t i = 0; obj >= 0 && i < g->nodes.n; i++)
		if (g->nodes.v[i].kind == kind && g->nodes.v[i].obj == obj)
			return i;
	return SIZE_MAX;
}

/* Chosen-property text as a macro spells it ("nordic_pm_ext_flash") and as the
 * devicetree does ("nordic,pm-ext-flash") compare equal. */
static bool chosen_name_eq(const char *macro, size_t n, const char *prop)
{
	size_t i = 0;
	for (; i < n && prop[i]; i++) {
		char p = prop[i] == ',' || prop[i] == '-' ? '_' : prop[i];
		if (p != macro[i])
			return false;
	}
	return i == n && !prop[i];
}

/* The devicetree device a Partition Manager region's device names: a label or
 * node name ("MX25R64", "flash_controller", any case, also a device's parent
 * controller), or DT_CHOSEN(x), the node /chosen points at. SIZE_MAX when none. */
static size_t pm_device_node(const struct graph *g, size_t **dev_node, const char *dev)
{
	const struct fl_model *m = g->c->m;
	size_t n = strlen(dev);
	bool chosen = n > 11 && !strncmp(dev, "DT_CHOSEN(", 10) && dev[n - 1] == ')';
	for (size_t k = 0; k < m->images.n; k++) {
		const struct fl_image *img = m->images.v[k];
		const struct fl_dt_node *target = NULL;
		if (chosen) {
			const struct fl_dt_node *ch = NULL;
			for (size_t i = 0; img->dt.root && i < img->dt.root->children.n && !ch; i++)
				if (!strcmp(img->dt.root->children.v[i]->name, "chosen"))
					ch = img->dt.root->children.v[i];
			for (size_t i = 0; ch && i < ch->props.n && !target; i++)
				if (chosen_name_eq(dev + 10, n - 11, ch->props.v[i].name))
					target = fl_dt_chosen(&img->dt, ch->props.v[i].name, NULL);
		}
		for (size_t i = 0; i < img->devices.n; i++) {
			const struct fl_device *d = &img->devices.v[i];
			const struct fl_dt_node *node = d->node, *parent = node ? node->parent : NULL;
			bool hit = chosen ? target && node == target
					  : !strcasecmp(d->name, dev) ||
						    (node && (fl_dt_label((struct fl_dt *)&img->dt, dev) == node ||
							      !strcasecmp(node->name, dev))) ||
						    (parent && fl_dt_node_label(parent) &&
						     !strcasecmp(fl_dt_node_label(parent), dev));
			if (hit && dev_node[k][i] != SIZE_MAX)
				return dev_node[k][i];
		}
	}
	return SIZE_MAX;
}

/* The graph of the layout the build uses: Partition Manager's partitions when it
 * has them (the devicetree's fixed-partitions are then replaced and left out),
 * else each image's devicetree partitions. With dt_view, the replaced devicetree
 * layout of a Partition Manager build instead. Each device appears once. */
static void build(struct graph *g, bool dt_view)
{
	struct html_ctx *c = g->c;
	const struct fl_model *m = c->m;
	struct fl_arena *a = c->a;
	const struct fl_partition *pv;
	size_t pn;
	bool is_static;
	html_layout_partitions(m, &pv, &pn, &is_static);
	const int *pobj = is_static ? c->spart_obj : c->part_obj;
	bool with_dt_parts = !pn || dt_view;
	if (dt_view)
		pn = 0;

	size_t *img_node = fl_alloc(a, (m->images.n + 1) * sizeof(size_t));
	for (size_t k = 0; k < m->images.n; k++) {
		const struct fl_image *img = m->images.v[k];
		img_node[k] = add_node(g, N_IMAGE, img->name, -1);
		g->nodes.v[img_node[k]].image = k;
		add_line(g, img_node[k], img->name);
		add_line(g, img_node[k], role_words(img->role));
	}
	size_t *part_node = fl_alloc(a, (pn + 1) * sizeof(size_t));
	for (size_t i = 0; i < pn; i++) {
		part_node[i] = add_node(g, N_PARTITION, pv[i].name, pobj[i]);
		add_line(g, part_node[i], pv[i].name);
		add_line(g, part_node[i], range_line(a, pv[i].address, pv[i].size));
	}
	/* Devicetree devices: each once, however many images have it. */
	size_t **dev_node = fl_alloc(a, (m->images.n + 1) * sizeof(size_t *));
	for (size_t k = 0; k < m->images.n; k++) {
		const struct fl_image *img = m->images.v[k];
		dev_node[k] = fl_alloc(a, (img->devices.n + 1) * sizeof(size_t));
		for (size_t i = 0; i < img->devices.n; i++) {
			const struct fl_device *d = &img->devices.v[i];
			dev_node[k][i] = node_of(g, N_DEVICE, c->device_obj[k][i]);
			for (size_t j = 0; j < g->nodes.n && dev_node[k][i] == SIZE_MAX; j++)
				if (g->nodes.v[j].kind == N_DEVICE && !strcmp(g->nodes.v[j].tip, d->path))
					dev_node[k][i] = j;
			if (dev_node[k][i] != SIZE_MAX)
				continue;
			dev_node[k][i] = add_node(g, N_DEVICE, d->path, c->device_obj[k][i]);
			add_line(g, dev_node[k][i], d->name);
			add_line(g, dev_node[k][i], d->external ? "external flash device" : "flash device");
		}
	}

	size_t nr = dt_view ? 0 : m->pm_regions.n;
	size_t *reg_node = fl_alloc(a, (nr + 1) * sizeof(size_t));
	for (size_t i = 0; i < nr; i++) {
		const struct fl_pm_region *r = &m->pm_regions.v[i];
		reg_node[i] = add_node(g, N_REGION, r->name, c->pm_region_obj[i]);
		add_line(g, reg_node[i], r->name);
		add_line(g, reg_node[i], range_line(a, r->base, r->size));
		if (!r->device || !*r->device)
			continue;
		size_t d = pm_device_node(g, dev_node, r->device);
		for (size_t j = 0; j < g->nodes.n && d == SIZE_MAX; j++)
			if (g->nodes.v[j].kind == N_DEVICE && g->nodes.v[j].obj < 0 &&
			    !strcmp(g->nodes.v[j].tip, r->device))
				d = j;
		if (d == SIZE_MAX) {
			d = add_node(g, N_DEVICE, r->device, -1);
			add_line(g, d, r->device);
			add_line(g, d, "device");
		}
		add_edge(g, reg_node[i], d, NULL, "dotted");
	}

	/* Partitions: in their region; a container spans its members. */
	for (size_t i = 0; i < pn; i++) {
		const struct fl_partition *p = &pv[i];
		if (p->span.n) {
			fl_vec_for_each(&p->span, name)
				for (size_t j = 0; j < pn; j++)
					if (j != i && fl_str_eq(pv[j].domain, p->domain) &&
					    !strcmp(pv[j].name, *name))
						add_edge(g, part_node[i], part_node[j], NULL, "dashed");
			continue;
		}
		const char *rname = p->region ? p->region : "flash_primary";
		for (size_t j = 0; j < nr; j++)
			if (fl_str_eq(m->pm_regions.v[j].domain, p->domain) &&
			    fl_str_eq(m->pm_regions.v[j].name, rname))
				add_edge(g, part_node[i], reg_node[j], NULL, "solid");
	}

	/* Devicetree partitions: each once, however many images have it. */
	size_t **dt_node = fl_alloc(a, (m->images.n + 1) * sizeof(size_t *));
	for (size_t k = 0; k < m->images.n; k++) {
		const struct fl_image *img = m->images.v[k];
		dt_node[k] = fl_alloc(a, (img->dt_partitions.n + 1) * sizeof(size_t));
		for (size_t i = 0; i < img->dt_partitions.n; i++) {
			const struct fl_partition *p = &img->dt_partitions.v[i];
			dt_node[k][i] = SIZE_MAX;
			if (!with_dt_parts)
				continue;
			size_t n = node_of(g, N_PARTITION, c->dtpart_obj[k][i]);
			if (n == SIZE_MAX) {
				n = add_node(g, N_PARTITION, html_dt_part_name(p), c->dtpart_obj[k][i]);
				add_line(g, n, html_dt_part_name(p));
				add_line(g, n, range_line(a, p->address, p->size));
			}
			dt_node[k][i] = n;
			if (p->dev >= 0 && (size_t)p->dev < img->devices.n)
				add_edge(g, n, dev_node[k][p->dev], NULL, "solid");
		}
	}

	/* Images: where their loaded bytes are, the slot they are signed for, the slots
	 * a bootloader swaps. */
	for (size_t k = 0; k < m->images.n; k++) {
		const struct fl_image *img = m->images.v[k];
		fl_vec_for_each(&img->load, r) {
			int pi = partition_at(m, img, pv, pn, r->start);
			if (pi >= 0) {
				add_edge(g, img_node[k], part_node[pi], "loads into", "solid");
				continue;
			}
			pi = with_dt_parts ? partition_at(m, img, img->dt_partitions.v, img->dt_partitions.n, r->start) : -1;
			if (pi >= 0) {
				add_edge(g, img_node[k], dt_node[k][pi], "loads into", "solid");
				continue;
			}
			if (r->region < 0)
				continue;
			size_t ln = SIZE_MAX;
			for (size_t j = 0; j < g->nodes.n && ln == SIZE_MAX; j++)
				if (g->nodes.v[j].kind == N_LINKER && g->nodes.v[j].image == k &&
				    g->nodes.v[j].region == r->region)
					ln = j;
			if (ln == SIZE_MAX) {
				const struct fl_region *lr = &img->regions.v[r->region];
				ln = add_node(g, N_LINKER, lr->name, c->region_obj[k][r->region]);
				g->nodes.v[ln].image = k;
				g->nodes.v[ln].region = r->region;
				add_line(g, ln, lr->name);
				add_line(g, ln, range_line(a, lr->origin, lr->length));
				add_line(g, ln, "MEMORY region, no partition");
			}
			add_edge(g, img_node[k], ln, "loads into", "solid");
		}
		struct imgtool_params p;
		if (imgtool_params(m, img, &p)) {
			for (size_t i = 0; i < pn; i++)
				if (&pv[i] == p.slot ||
				    (!p.slot->from_dts && fl_str_eq(pv[i].name, p.slot->name) &&
				     fl_str_eq(pv[i].domain, p.slot->domain)))
					add_edge(g, img_node[k], part_node[i], "signed for", "bold");
			for (size_t i = 0; with_dt_parts && i < img->dt_partitions.n; i++)
				if (&img->dt_partitions.v[i] == p.slot)
					add_edge(g, img_node[k], dt_node[k][i], "signed for", "bold");
		}
		if (img->role != FL_IMG_MCUBOOT)
			continue;
		for (size_t i = 0; i < pn; i++)
			if (fl_str_eq(pv[i].domain, img->domain) && pv[i].name && is_slot_name(pv[i].name))
				add_edge(g, img_node[k], part_node[i], "swaps", "solid");
		for (size_t i = 0; with_dt_parts && i < img->dt_partitions.n; i++)
			if (is_slot_name(html_dt_part_name(&img->dt_partitions.v[i])))
				add_edge(g, img_node[k], dt_node[k][i], "swaps", "solid");
	}
}

/* ---- Graphviz ----------------------------------------------------------------------------- */

static const char *const fill[] = {
	[N_IMAGE] = "#dbe8fb",
	[N_PARTITION] = "#e8f3e4",
	[N_REGION] = "#f3efe0",
	[N_DEVICE] = "#eeeeee",
	[N_LINKER] = "#fbe3e3",
};

static char *plain_label(struct fl_arena *a, const struct gnode *n)
{
	char *s = "";
	for (size_t i = 0; i < n->nlines; i++) {
		char *line = html_plain(a, n->line[i]);
		if (strlen(line) > LABEL_CHARS)
			line[LABEL_CHARS] = '\0';
		s = fl_printf(a, "%s%s%s", s, i ? "\\n" : "", line);
	}
	return s;
}

/*
 * Copy Graphviz's SVG to the page from its <svg> element on, putting the real,
 * escaped names in place of the stand-in labels: a node's group starts with
 * <title>nN</title>, followed by one <text> per label line.
 */
static void put_svg(struct graph *g, const char *svg, size_t len)
{
	FILE *f = g->c->out;
	const char *end = svg + len, *p = strstr(svg, "<svg");
	if (!p)
		return;
	const struct gnode *cur = NULL;
	size_t line = 0;
	while (p < end) {
		const char *title = strstr(p, "<title>");
		const char *text = strstr(p, "<text");
		if (!title && !text) {
			fwrite(p, 1, (size_t)(end - p), f);
			break;
		}
		if (title && (!text || title < text)) {
			const char *name = title + 7, *close = strstr(name, "</title>");
			if (!close)
				break;
			fwrite(p, 1, (size_t)(name - p), f);
			unsigned idx;
			int used = 0;
			cur = NULL;
			if (sscanf(name, "n%u%n", &idx, &used) == 1 && name + used == close &&
			    idx < g->nodes.n)
				cur = &g->nodes.v[idx];
			if (cur) {
				html_text(f, cur->tip);
				for (size_t i = 1; i < cur->nlines; i++) {
					fputc('\n', f);
					html_text(f, cur->line[i]);
				}
			} else {
				fwrite(name, 1, (size_t)(close - name), f);
			}
			line = 0;
			p = close;
			continue;
		}
		const char *gt = strchr(text, '>'), *close = gt ? strstr(gt, "</text>") : NULL;
		if (!close)
			break;
		fwrite(p, 1, (size_t)(gt + 1 - p), f);
		if (cur && line < cur->nlines)
			html_text_max(f, cur->line[line++], LABEL_CHARS);
		else
			fwrite(gt + 1, 1, (size_t)(close - gt - 1), f);
		p = close;
	}
}

/*
 * The Graphviz functions the diagram calls, looked up in the libraries (by the
 * sonames found at configure time) when the first diagram is drawn, so that
 * flashlint does not load Graphviz's libraries at start-up. GV_FUNCS lists each
 * function with the library (0 cgraph, 1 gvc) that defines it.
 */
#define GV_FUNCS(X)                                                                          \
	X(0, agseterr) X(0, agopen) X(0, agattr) X(0, agnode) X(0, agedge) X(0, agsafeset)       \
	X(0, agclose) X(1, gvContext) X(1, gvContextPlugins) X(1, gvAddLibrary) X(1, gvLayout)   \
	X(1, gvRenderData) X(1, gvFreeRenderData) X(1, gvFreeLayout) X(1, gvFreeContext)

struct gv_api {
#define GV_MEMBER(lib, fn) __typeof__(&fn) fn; /* Graphviz's fn */
	GV_FUNCS(GV_MEMBER)
#undef GV_MEMBER
	Agdesc_t *directed;   /* cgraph's Agdirected */
};

static const char *const gv_soname[2] = { FLASHLINT_CGRAPH_SONAME, FLASHLINT_GVC_SONAME };

/*
 * Graphviz's functions, loaded on the first call; NULL when they cannot be, with
 * *why saying what failed (dlerror's text: the library or the symbol). The
 * libraries stay loaded for the life of the process.
 */
static const struct gv_api *gv_load(const char **why)
{
	static struct gv_api api;
	static char err[512];   /* what failed, kept: dlerror's own text is overwritten */
	static bool tried;
	static const struct {
		unsigned lib;    /* index in gv_soname */
		const char *name;
		size_t off;      /* of the pointer in struct gv_api */
	} fn[] = {
#define GV_ENTRY(l, f) { l, #f, offsetof(struct gv_api, f) },
		GV_FUNCS(GV_ENTRY)
#undef GV_ENTRY
	};
	void *dl[2] = { NULL, NULL };
	const char *e = NULL;
	if (tried)
		goto out;
	tried = true;
	for (size_t i = 0; i < 2 && !e; i++) {
		dl[i] = dlopen(gv_soname[i], RTLD_NOW | RTLD_LOCAL);
		if (!dl[i])
			e = dlerror();
	}
	for (size_t i = 0; i < sizeof(fn) / sizeof(fn[0]) && !e; i++) {
		void *sym = dlsym(dl[fn[i].lib], fn[i].name);
		if (!sym)
			e = dlerror();
		memcpy((char *)&api + fn[i].off, &sym, sizeof(sym));
	}
	if (!e && !(api.directed = dlsym(dl[0], "Agdirected")))
		e = dlerror();
	if (e) {
		snprintf(err, sizeof(err), "%s", *e ? e : "unknown error");
		for (size_t i = 0; i < 2; i++)
			if (dl[i])
				dlclose(dl[i]);
	}
out:
	*why = err;
	return *err ? NULL : &api;
}

/*
 * A Graphviz context with only the plugins the diagram needs (dot layout; SVG,
 * from core), loaded from Graphviz's plugin directory: no plugin configuration is
 * read and no text-layout plugin (pango, fontconfig) starts, so label widths come
 * from Graphviz's own font metrics and the layout is the same on every machine.
 * When those plugins cannot be loaded, Graphviz's usual context. The plugins stay
 * loaded: dot keeps buffers in static variables from one layout to the next.
 */
static GVC_t *gv_open(const struct gv_api *gv)
{
#ifdef FLASHLINT_GV_PLUGIN_DIR
	static const lt_symlist_t no_builtins[] = { { NULL, NULL } };
	static const char *const lib[2][2] = {
		{ FLASHLINT_GV_PLUGIN_DIR "/libgvplugin_core.so." FLASHLINT_GV_PLUGIN_VERSION,
		  "gvplugin_core_LTX_library" },
		{ FLASHLINT_GV_PLUGIN_DIR "/libgvplugin_dot_layout.so." FLASHLINT_GV_PLUGIN_VERSION,
		  "gvplugin_dot_layout_LTX_library" },
	};
	void *dl[2], *sym[2] = { NULL, NULL };
	for (size_t i = 0; i < 2; i++) {
		dl[i] = dlopen(lib[i][0], RTLD_NOW | RTLD_LOCAL);
		sym[i] = dl[i] ? dlsym(dl[i], lib[i][1]) : NULL;
	}
	if (sym[0] && sym[1]) {
		GVC_t *gvc = gv->gvContextPlugins(no_builtins, 0);
		for (size_t i = 0; i < 2; i++)
			gv->gvAddLibrary(gvc, sym[i]);
		return gvc;
	}
	for (size_t i = 0; i < 2; i++)
		if (dl[i])
			dlclose(dl[i]);
#endif
	return gv->gvContext();
}

static void note(FILE *f, const char *what)
{
	fprintf(f, "<p class=\"note\">The diagram could not be drawn: %s.</p>\n", what);
}

/* Lay g out with Graphviz and write it as SVG; id (or NULL) prefixes the SVG's
 * element ids, so that two diagrams can share the page. */
static void render(struct html_ctx *c, struct graph *g, const char *id)
{
	FILE *f = c->out;
	const char *why = NULL;
	const struct gv_api *gv = gv_load(&why);
	if (!gv) {
		fputs("<p class=\"note\">The diagram could not be drawn: Graphviz could not be loaded: ", f);
		html_text(f, why);
		fputs(".</p>\n", f);
		return;
	}
	agerrlevel_t old_err = gv->agseterr(AGMAX); /* Graphviz must not print: failures are noted here */
	GVC_t *gvc = gv_open(gv);
	Agraph_t *ag = gv->agopen("layout", *gv->directed, NULL);
	char *svg = NULL;
	unsigned int len = 0;

	gv->agattr(ag, AGRAPH, "rankdir", "LR");
	if (id)
		gv->agattr(ag, AGRAPH, "id", (char *)id);
	gv->agattr(ag, AGRAPH, "bgcolor", "transparent");
	gv->agattr(ag, AGRAPH, "nodesep", "0.18");
	gv->agattr(ag, AGRAPH, "ranksep", "0.7");
	gv->agattr(ag, AGRAPH, "fontname", "Helvetica,Arial,sans-serif");
	gv->agattr(ag, AGNODE, "shape", "box");
	gv->agattr(ag, AGNODE, "style", "rounded,filled");
	gv->agattr(ag, AGNODE, "fontname", "Helvetica,Arial,sans-serif");
	gv->agattr(ag, AGNODE, "fontsize", "10");
	gv->agattr(ag, AGNODE, "fillcolor", "white");
	gv->agattr(ag, AGNODE, "color", "#555555");
	gv->agattr(ag, AGNODE, "penwidth", "1");
	/* Room for a browser font wider than the metrics Graphviz lays out with. */
	gv->agattr(ag, AGNODE, "margin", "0.22,0.06");
	gv->agattr(ag, AGEDGE, "fontname", "Helvetica,Arial,sans-serif");
	gv->agattr(ag, AGEDGE, "fontsize", "9");
	gv->agattr(ag, AGEDGE, "color", "#777777");
	gv->agattr(ag, AGEDGE, "fontcolor", "#555555");
	gv->agattr(ag, AGEDGE, "penwidth", "1");
	gv->agattr(ag, AGEDGE, "style", "solid");
	gv->agattr(ag, AGEDGE, "label", "");

	for (size_t i = 0; i < g->nodes.n; i++) {
		struct gnode *n = &g->nodes.v[i];
		char name[32];
		snprintf(name, sizeof(name), "n%zu", i);
		n->ag = gv->agnode(ag, name, 1);
		gv->agsafeset(n->ag, "label", plain_label(c->a, n), "");
		gv->agsafeset(n->ag, "fillcolor", (char *)fill[n->kind], "white");
		const struct html_obj *o = n->obj >= 0 ? &c->objs.v[n->obj] : NULL;
		if (n->kind == N_IMAGE)
			gv->agsafeset(n->ag, "href", fl_printf(c->a, "#img-%zu", n->image), "");
		else if (o && o->anchor)
			gv->agsafeset(n->ag, "href", fl_printf(c->a, "#%s", o->anchor), "");
		gv->agsafeset(n->ag, "tooltip", "show on the map", "");
		if (o && (o->flags & (HTML_F_ERROR | HTML_F_WARNING))) {
			gv->agsafeset(n->ag, "color", (o->flags & HTML_F_ERROR) ? "#c62828" : "#b26a00", "");
			gv->agsafeset(n->ag, "penwidth", "2.5", "1");
		}
	}
	for (size_t i = 0; i < g->edges.n; i++) {
		const struct gedge *e = &g->edges.v[i];
		Agedge_t *ae = gv->agedge(ag, g->nodes.v[e->from].ag, g->nodes.v[e->to].ag, NULL, 1);
		if (!ae)
			continue;
		gv->agsafeset(ae, "style", (char *)e->style, "solid");
		/* Red when a warning or error is about both ends. */
		char *ids = "";
		int first = -1;
		bool error = false;
		for (size_t k = 0; k < c->findings.n; k++) {
			const struct html_finding *fd = &c->findings.v[k];
			if (fd->d->severity < FL_SEV_WARNING || fd->d->rule >= FL_RULE_COUNT ||
			    !touches(g, fd, &g->nodes.v[e->from]) || !touches(g, fd, &g->nodes.v[e->to]))
				continue;
			if (first < 0)
				first = (int)k;
			error |= fd->d->severity == FL_SEV_ERROR;
			if (!strstr(ids, fl_rules[fd->d->rule].id))
				ids = fl_printf(c->a, "%s%s%s", ids, *ids ? " " : "", fl_rules[fd->d->rule].id);
		}
		const char *label = e->label ? e->label : "";
		if (first >= 0) {
			gv->agsafeset(ae, "color", error ? "#c62828" : "#b26a00", "");
			gv->agsafeset(ae, "fontcolor", error ? "#c62828" : "#b26a00", "");
			gv->agsafeset(ae, "penwidth", "2.5", "1");
			gv->agsafeset(ae, "href", fl_printf(c->a, "#f-%d", first + 1), "");
			gv->agsafeset(ae, "tooltip", ids, "");
			label = fl_printf(c->a, "%s%s%s", label, *label ? "\\n" : "", ids);
		}
		gv->agsafeset(ae, "label", (char *)label, "");
	}

	if (gv->gvLayout(gvc, ag, "dot")) {
		note(f, "Graphviz could not lay it out");
	} else {
		if (gv->gvRenderData(gvc, ag, "svg", &svg, &len) || !svg)
			note(f, "Graphviz could not render it as SVG");
		else
			put_svg(g, svg, len);
		if (svg)
			gv->gvFreeRenderData(svg);
		gv->gvFreeLayout(gvc, ag);
	}
	gv->agclose(ag);
	gv->gvFreeContext(gvc);
	gv->agseterr(old_err);
}

void html_graph(struct html_ctx *c)
{
	FILE *f = c->out;
	struct graph g = { .c = c };
	const struct fl_partition *pv;
	size_t pn;
	bool is_static;
	html_layout_partitions(c->m, &pv, &pn, &is_static);
	size_t most = c->m->images.n * 2 + pn + 2 * c->m->pm_regions.n;
	fl_vec_for_each(&c->m->images, it)
		most += (*it)->regions.n + (*it)->devices.n + (*it)->dt_partitions.n;
	if (most > MAX_NODES) {
		fprintf(f, "<p class=\"note\">The diagram is left out: the build has too many images, "
			   "partitions and memories to draw (up to %zu nodes, %d at most).</p>\n",
			most, MAX_NODES);
		return;
	}
	build(&g, false);
	if (!g.nodes.n) {
		fputs("<p class=\"note\">Nothing to draw: the build has no images and no partitions.</p>\n", f);
		return;
	}
	render(c, &g, NULL);

	/* A Partition Manager build replaces each image's devicetree partitions: that
	 * layout is behind a toggle. */
	bool dt_parts = false;
	fl_vec_for_each(&c->m->images, it)
		dt_parts |= (*it)->dt_partitions.n > 0;
	if (!pn || !dt_parts)
		return;
	struct graph dt = { .c = c };
	build(&dt, true);
	fputs("<details class=\"replaced\"><summary>The devicetree partitions, which Partition Manager's layout replaces in this build</summary>\n", f);
	render(c, &dt, "dt");
	fputs("</details>\n", f);
}
