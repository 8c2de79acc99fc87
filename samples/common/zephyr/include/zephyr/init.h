/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SYS_INIT(): run a function during boot at a given level and priority. As in
 * Zephyr, each entry is a struct in its own `.z_init_<LEVEL>_P_<prio>_SUB_0_`
 * input section, which the linker script sorts into the `initlevel` output section.
 */
#ifndef ZEPHYR_INIT_H
#define ZEPHYR_INIT_H

struct init_entry {
	int (*init_fn)(void);
};

#define Z_INIT_SECTION(level, prio) ".z_init_" #level "_P_" #prio "_SUB_0_"

#define SYS_INIT(fn, level, prio)                                                    \
	static const struct init_entry __init_##fn                                   \
		__attribute__((used, section(Z_INIT_SECTION(level, prio)))) = { fn }

#endif
