// SPDX-License-Identifier: Apache-2.0
/*
 * C++ symbol names for people: the Itanium C++ ABI demangler of GNU libiberty
 * (binutils' own, the one c++filt and nm -C use). Nothing else here.
 */
#include <stdlib.h>

#include <libiberty/demangle.h>

#include "flashlint/diff.h"

const char *fl_demangle(struct fl_arena *a, const char *name)
{
	if (!name || name[0] != '_' || name[1] != 'Z')
		return name;
	char *d = cplus_demangle(name, DMGL_PARAMS | DMGL_ANSI);
	if (!d)
		return name;
	const char *out = fl_strdup(a, d);
	free(d);
	return out;
}
