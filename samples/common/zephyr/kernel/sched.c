/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Time and sleeping for a single-threaded kernel: a tick counter advanced by the
 * clock interrupt, sleeping as wait-for-interrupt until the deadline.
 */
#include <stdint.h>

#include <zephyr/kernel.h>

static volatile int64_t curr_tick;

void sys_clock_announce(int32_t ticks)
{
	curr_tick += ticks;
}

int64_t k_uptime_ticks(void)
{
	int64_t t;

	__asm__ volatile("cpsid i" ::: "memory");
	t = curr_tick;
	__asm__ volatile("cpsie i" ::: "memory");
	return t;
}

int64_t k_uptime_get(void)
{
	return (k_uptime_ticks() * 1000) >> 15; /* 32768 ticks per second */
}

int32_t k_sleep(k_timeout_t timeout)
{
	if (timeout.ticks < 0) {
		for (;;) {
			__asm__ volatile("wfi");
		}
	}
	int64_t deadline = k_uptime_ticks() + timeout.ticks;

	while (k_uptime_ticks() < deadline) {
		__asm__ volatile("wfi");
	}
	return 0;
}

void k_busy_wait(uint32_t usec)
{
	/* Three cycles per loop at 64 MHz. */
	uint32_t loops = usec * 21u;

	while (loops--) {
		__asm__ volatile("nop");
	}
}

void k_yield(void)
{
	__asm__ volatile("wfe");
}
