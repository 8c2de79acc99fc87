/* SPDX-License-Identifier: Apache-2.0 */
/*
 * AT45DB321E DataFlash (4 MiB, 512-byte binary pages, 4 KiB blocks) on the
 * nRF52840's SPIM3: 0x03 continuous array read, 0x82 page program through buffer 1
 * with built-in erase, 0x81 page erase, 0x50 block erase, polling the status
 * register's ready bit (0xd7). Chip select is a GPIO, as the devicetree's cs-gpios
 * says; the device's flash-layout pages are its 512-byte pages.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <zephyr/init.h>
#include <zephyr/kernel.h>
#include <zephyr/soc.h>

#include "spi_flash_at45.h"

#define SPIM3_BASE 0x4002f000u
#define SPIM_TASKS_START 0x010u
#define SPIM_EVENTS_END 0x118u
#define SPIM_ENABLE 0x500u
#define SPIM_FREQUENCY 0x524u
#define SPIM_RXD_PTR 0x534u
#define SPIM_RXD_MAXCNT 0x538u
#define SPIM_TXD_PTR 0x544u
#define SPIM_TXD_MAXCNT 0x548u
#define GPIO_P0_OUTSET (*(volatile uint32_t *)0x50000508u)
#define GPIO_P0_OUTCLR (*(volatile uint32_t *)0x5000050cu)
#define CS_PIN 17u

#define AT45_SIZE (4u * 1024u * 1024u)
#define AT45_PAGE 512u
#define AT45_BLOCK 4096u
#define CMD_READ 0x03u
#define CMD_PROGRAM_BUF1 0x82u
#define CMD_PAGE_ERASE 0x81u
#define CMD_BLOCK_ERASE 0x50u
#define CMD_STATUS 0xd7u
#define CMD_RESUME_DPD 0xabu
#define STATUS_READY 0x80u

static struct k_sem at45_lock;
static uint8_t tx[4 + AT45_PAGE];
static uint8_t rx[4 + 128];

/* One SPIM transfer, CS low throughout: SPIM clocks in a byte for each one it
 * sends, so received data follows the echoed command bytes. */
static void xfer(size_t tx_len, size_t rx_len)
{
	GPIO_P0_OUTCLR = 1u << CS_PIN;
	NRF_REG(SPIM3_BASE, SPIM_TXD_PTR) = (uint32_t)(uintptr_t)tx;
	NRF_REG(SPIM3_BASE, SPIM_TXD_MAXCNT) = tx_len;
	NRF_REG(SPIM3_BASE, SPIM_RXD_PTR) = (uint32_t)(uintptr_t)rx;
	NRF_REG(SPIM3_BASE, SPIM_RXD_MAXCNT) = rx_len;
	NRF_REG(SPIM3_BASE, SPIM_EVENTS_END) = 0;
	NRF_REG(SPIM3_BASE, SPIM_TASKS_START) = 1;
	while (NRF_REG(SPIM3_BASE, SPIM_EVENTS_END) == 0) {
	}
	GPIO_P0_OUTSET = 1u << CS_PIN;
}

static void command(uint8_t op, uint32_t addr)
{
	tx[0] = op;
	tx[1] = (uint8_t)(addr >> 16);
	tx[2] = (uint8_t)(addr >> 8);
	tx[3] = (uint8_t)addr;
}

static int wait_ready(void)
{
	for (int spins = 0; spins < 4000000; spins++) {
		tx[0] = CMD_STATUS;
		xfer(1, 2);
		if (rx[1] & STATUS_READY) {
			return 0;
		}
	}
	return -ETIMEDOUT;
}

static int at45_read(uint32_t off, void *dst, size_t len)
{
	uint8_t *d = dst;

	if (off > AT45_SIZE || len > AT45_SIZE - off) {
		return -EINVAL;
	}
	k_sem_take(&at45_lock, K_FOREVER);
	while (len) {
		size_t n = len < sizeof(rx) - 4 ? len : sizeof(rx) - 4;

		command(CMD_READ, off);
		xfer(4, 4 + n);
		for (size_t i = 0; i < n; i++) {
			d[i] = rx[4 + i];
		}
		d += n;
		off += n;
		len -= n;
	}
	k_sem_give(&at45_lock);
	return 0;
}

/* Whole pages only: program through buffer 1 erases the page first. */
static int at45_write(uint32_t off, const void *src, size_t len)
{
	const uint8_t *s = src;
	int rc = 0;

	if ((off % AT45_PAGE) != 0 || (len % AT45_PAGE) != 0 || off + len > AT45_SIZE) {
		return -EINVAL;
	}
	k_sem_take(&at45_lock, K_FOREVER);
	for (size_t done = 0; done < len && rc == 0; done += AT45_PAGE) {
		command(CMD_PROGRAM_BUF1, off + done);
		for (size_t i = 0; i < AT45_PAGE; i++) {
			tx[4 + i] = s[done + i];
		}
		xfer(4 + AT45_PAGE, 0);
		rc = wait_ready();
	}
	k_sem_give(&at45_lock);
	return rc;
}

static int at45_erase(uint32_t off, size_t len)
{
	int rc = 0;

	if ((off % AT45_PAGE) != 0 || (len % AT45_PAGE) != 0 || off + len > AT45_SIZE) {
		return -EINVAL;
	}
	k_sem_take(&at45_lock, K_FOREVER);
	for (size_t done = 0; done < len && rc == 0;) {
		uint32_t at = off + done;
		bool block = (at % AT45_BLOCK) == 0 && len - done >= AT45_BLOCK;

		command(block ? CMD_BLOCK_ERASE : CMD_PAGE_ERASE, at);
		xfer(4, 0);
		rc = wait_ready();
		done += block ? AT45_BLOCK : AT45_PAGE;
	}
	k_sem_give(&at45_lock);
	return rc;
}

static int spi_flash_at45_init(void)
{
	k_sem_init(&at45_lock, 1, 1);
	GPIO_P0_OUTSET = 1u << CS_PIN;
	NRF_REG(SPIM3_BASE, SPIM_FREQUENCY) = 0x80000000u; /* 8 MHz: spi-max-frequency is 15 MHz */
	NRF_REG(SPIM3_BASE, SPIM_ENABLE) = 7u;
	tx[0] = CMD_RESUME_DPD; /* out of (ultra-)deep power-down */
	xfer(1, 0);
	k_busy_wait(180);
	return wait_ready();
}

/* CONFIG_SPI_FLASH_AT45_INIT_PRIORITY */
SYS_INIT(spi_flash_at45_init, POST_KERNEL, 80);

const struct flash_driver spi_flash_at45 = {
	.name = "at45db321e@0",
	.erase_block = AT45_PAGE,
	.write_block = AT45_PAGE,
	.read = at45_read,
	.write = at45_write,
	.erase = at45_erase,
};
