/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Counting semaphores. Interrupts give, the single thread takes; taking with a
 * timeout sleeps until given or the timeout expires.
 */
#include <errno.h>
#include <stdint.h>

#include <zephyr/kernel.h>

void k_sem_init(struct k_sem *sem, uint32_t initial, uint32_t limit)
{
	sem->count = initial;
	sem->limit = limit;
}

void k_sem_give(struct k_sem *sem)
{
	__asm__ volatile("cpsid i" ::: "memory");
	if (sem->count < sem->limit) {
		sem->count++;
	}
	__asm__ volatile("cpsie i" ::: "memory");
}

int k_sem_take(struct k_sem *sem, k_timeout_t timeout)
{
	int64_t deadline = k_uptime_ticks() + timeout.ticks;

	for (;;) {
		__asm__ volatile("cpsid i" ::: "memory");
		if (sem->count > 0) {
			sem->count--;
			__asm__ volatile("cpsie i" ::: "memory");
			return 0;
		}
		__asm__ volatile("cpsie i" ::: "memory");
		if (timeout.ticks == 0 || (timeout.ticks > 0 && k_uptime_ticks() >= deadline)) {
			return timeout.ticks == 0 ? -EBUSY : -EAGAIN;
		}
		__asm__ volatile("wfi");
	}
}
