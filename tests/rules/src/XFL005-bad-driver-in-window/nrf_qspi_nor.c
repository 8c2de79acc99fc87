// SPDX-License-Identifier: Apache-2.0
/*
 * A stand-in for Zephyr's QSPI NOR driver (drivers/flash/nrf_qspi_nor.c), under
 * the same file name so that the map names its object as a Zephyr build does:
 * libdrivers__flash.a(nrf_qspi_nor.c.obj). Each operation starts a task of the
 * nRF5340 QSPI peripheral and waits for EVENTS_READY; while it runs, the chip
 * does not answer reads through the XIP window.
 */
#include <stdint.h>

#define QSPI_BASE 0x5002b000u
#define QSPI_REG(off) (*(volatile uint32_t *)(QSPI_BASE + (off)))

#define TASKS_ACTIVATE 0x000
#define TASKS_READSTART 0x004
#define TASKS_WRITESTART 0x008
#define TASKS_ERASESTART 0x00c
#define EVENTS_READY 0x100
#define READ_SRC 0x504
#define READ_DST 0x508
#define READ_CNT 0x50c
#define WRITE_DST 0x510
#define WRITE_SRC 0x514
#define WRITE_CNT 0x518
#define ERASE_PTR 0x51c
#define ERASE_LEN 0x520

static void qspi_wait_ready(void)
{
	while (!QSPI_REG(EVENTS_READY)) {
	}
	QSPI_REG(EVENTS_READY) = 0;
}

int qspi_nor_read(uint32_t addr, void *dst, uint32_t len)
{
	QSPI_REG(READ_SRC) = addr;
	QSPI_REG(READ_DST) = (uint32_t)(uintptr_t)dst;
	QSPI_REG(READ_CNT) = len;
	QSPI_REG(TASKS_READSTART) = 1;
	qspi_wait_ready();
	return 0;
}

int qspi_nor_write(uint32_t addr, const void *src, uint32_t len)
{
	QSPI_REG(WRITE_DST) = addr;
	QSPI_REG(WRITE_SRC) = (uint32_t)(uintptr_t)src;
	QSPI_REG(WRITE_CNT) = len;
	QSPI_REG(TASKS_WRITESTART) = 1;
	qspi_wait_ready();
	return 0;
}

int qspi_nor_erase(uint32_t addr, uint32_t len)
{
	for (uint32_t off = 0; off < len; off += 0x1000) {
		QSPI_REG(ERASE_PTR) = addr + off;
		QSPI_REG(ERASE_LEN) = 0; /* 4 KiB */
		QSPI_REG(TASKS_ERASESTART) = 1;
		qspi_wait_ready();
	}
	return 0;
}

int qspi_nor_init(void)
{
	QSPI_REG(TASKS_ACTIVATE) = 1;
	qspi_wait_ready();
	return 0;
}
