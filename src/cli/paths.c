// SPDX-License-Identifier: Apache-2.0
/*
 * Where an installed flashlint finds its data: beside its own executable first,
 * so that a package unpacked or installed under any prefix reads its own files,
 * then the configured prefix and the source tree (fl_data_dir()).
 */
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "flashlint/data.h"
#include "flashlint/core.h"

#include "cli.h"

const char *fl_cli_data_dir(const char *given)
{
	static char buf[PATH_MAX];
	static const char rel[] = "/share/flashlint/data";
	if (given)
		return given;
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - sizeof(rel));
	if (n > 0) {
		buf[n] = '\0';
		/* <prefix>/bin/flashlint -> <prefix>/share/flashlint/data */
		for (int up = 0; up < 2; up++) {
			char *slash = strrchr(buf, '/');
			if (!slash)
				return fl_data_dir(NULL);
			*slash = '\0';
		}
		strcat(buf, rel);
		if (fl_is_dir(buf))
			return buf;
	}
	return fl_data_dir(NULL);
}
