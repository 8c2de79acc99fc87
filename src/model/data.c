// SPDX-License-Identifier: Apache-2.0
/*
 * Look-ups on the flash-driver and XIP data read by src/readers/data.c. They only
 * read it, so rules use them as they use the rest of the model.
 */
#include <string.h>

#include "flashlint/data.h"

const struct fl_flash_driver *fl_data_driver(const struct fl_data *d, const char *compatible)
{
	if (!d || !compatible)
		return NULL;
	fl_vec_for_each(&d->drivers, drv)
		if (!strcmp(drv->compatible, compatible))
			return drv;
	return NULL;
}
