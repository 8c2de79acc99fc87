// SPDX-License-Identifier: Apache-2.0
/*
 * Kconfig values of an image: the hash index the reader builds once and the O(1)
 * look-ups rules use. Interprets values (y/m, numbers); reads no file.
 */
#include <string.h>

#include "flashlint/model.h"

/* index_ holds index_cap_ slots of entry index + 1 (0: empty), then as many tags
 * (the hash's high half) so that a probe rarely has to touch the entry's name.
 * Later definitions replace earlier ones, as Kconfig applies a .config in order. */
void fl_kconfig_index(struct fl_arena *a, struct fl_kconfig *k)
{
	k->index_ = NULL;
	k->index_cap_ = 0;
	if (k->v.n == 0 || k->v.n >= UINT32_MAX / 2)
		return; /* lookups fall back to a scan */
	size_t cap = 16;
	while (cap < k->v.n * 2)
		cap *= 2;
	uint32_t *idx = fl_alloc(a, 2 * cap * sizeof(*idx)), *tag = idx + cap;
	for (size_t i = 0; i < k->v.n; i++) {
		const char *name = k->v.v[i].name;
		uint64_t h = fl_hash(name, strlen(name));
		size_t slot = h & (cap - 1);
		while (idx[slot] && (tag[slot] != (uint32_t)(h >> 32) ||
				     strcmp(k->v.v[idx[slot] - 1].name, name) != 0))
			slot = (slot + 1) & (cap - 1);
		idx[slot] = (uint32_t)(i + 1);
		tag[slot] = (uint32_t)(h >> 32);
	}
	k->index_ = idx;
	k->index_cap_ = cap;
}

const struct fl_kconfig_entry *fl_kconfig_get(const struct fl_kconfig *k, const char *name)
{
	if (!k || !name)
		return NULL;
	if (!k->index_ || !k->index_cap_) {
		/* Unindexed (built by hand, or absurdly large): the last definition wins. */
		for (size_t i = k->v.n; i-- > 0;)
			if (!strcmp(k->v.v[i].name, name))
				return &k->v.v[i];
		return NULL;
	}
	size_t mask = k->index_cap_ - 1;
	uint64_t h = fl_hash(name, strlen(name));
	const uint32_t *tag = k->index_ + k->index_cap_;
	size_t slot = h & mask;
	for (size_t probes = 0; probes < k->index_cap_; probes++) {
		uint32_t e = k->index_[slot];
		if (!e)
			return NULL;
		if (tag[slot] == (uint32_t)(h >> 32) && e <= k->v.n &&
		    !strcmp(k->v.v[e - 1].name, name))
			return &k->v.v[e - 1];
		slot = (slot + 1) & mask;
	}
	return NULL;
}

bool fl_kconfig_is_y(const struct fl_kconfig *k, const char *name)
{
	const struct fl_kconfig_entry *e = fl_kconfig_get(k, name);
	return e && !e->is_string && (!strcmp(e->value, "y") || !strcmp(e->value, "m"));
}

bool fl_kconfig_u64(const struct fl_kconfig *k, const char *name, uint64_t *out)
{
	const struct fl_kconfig_entry *e = fl_kconfig_get(k, name);
	return e && fl_parse_u64(e->value, strlen(e->value), out);
}

struct fl_pos fl_kconfig_pos(const struct fl_kconfig *k, const char *name)
{
	if (!k || !k->path)
		return (struct fl_pos){ NULL, 0, 0 };
	const struct fl_kconfig_entry *e = fl_kconfig_get(k, name);
	return (struct fl_pos){ k->path, e ? e->line : 0, e ? 1 : 0 };
}

