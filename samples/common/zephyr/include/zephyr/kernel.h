/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The slice of the Zephyr kernel API the sample firmware uses. The samples only
 * have to link like a Zephyr application (same section and symbol shapes in the
 * map), so the kernel behind it is a small single-threaded one.
 */
#ifndef ZEPHYR_KERNEL_H
#define ZEPHYR_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <zephyr/sys/printk.h>

typedef struct {
	int64_t ticks;
} k_timeout_t;

#define CONFIG_SYS_CLOCK_TICKS_PER_SEC 32768
#define K_TICKS(t) ((k_timeout_t){ .ticks = (t) })
/* ms * 32.768 without a 64-bit division (which would need libgcc). */
#define K_MSEC(ms) K_TICKS(((int64_t)(ms) * 33554) >> 10)
#define K_NO_WAIT K_TICKS(0)
#define K_FOREVER K_TICKS(-1)

struct k_sem {
	volatile uint32_t count;
	uint32_t limit;
};

void k_sem_init(struct k_sem *sem, uint32_t initial, uint32_t limit);
int k_sem_take(struct k_sem *sem, k_timeout_t timeout);
void k_sem_give(struct k_sem *sem);

int32_t k_sleep(k_timeout_t timeout);
static inline int32_t k_msleep(int32_t ms)
{
	return k_sleep(K_MSEC(ms));
}
int64_t k_uptime_ticks(void);
int64_t k_uptime_get(void);
void k_busy_wait(uint32_t usec);
void k_yield(void);

/* Clock interrupt: advances the tick count and expires timeouts. */
void sys_clock_announce(int32_t ticks);

/* Kernel entry, called from the reset handler once RAM is initialised. */
__attribute__((noreturn)) void z_cstart(void);

/* Fatal error path shared by the fault handlers and assertions. */
__attribute__((noreturn)) void k_fatal_halt(unsigned int reason);

#define K_ERR_CPU_EXCEPTION 0
#define K_ERR_KERNEL_PANIC 4

#endif
