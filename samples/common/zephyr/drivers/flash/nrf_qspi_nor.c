/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MX25R64 on the QSPI peripheral: EasyDMA reads/writes, 4 KiB sector erase, and
 * execute-in-place through the memory-mapped window. This driver has to run from
 * internal flash: while it reconfigures the QSPI, the XIP window is unusable.
 */
#include <errno.h>
#include <stdint.h>

#include <zephyr/drivers/flash.h>
#include <zephyr/init.h>
#include <zephyr/kernel.h>
#include <zephyr/soc.h>

#define QSPI_TASKS_ACTIVATE 0x000u
#define QSPI_TASKS_READSTART 0x004u
#define QSPI_TASKS_WRITESTART 0x008u
#define QSPI_TASKS_ERASESTART 0x00cu
#define QSPI_EVENTS_READY 0x100u
#define QSPI_ENABLE 0x500u
#define QSPI_READ_SRC 0x504u
#define QSPI_READ_DST 0x508u
#define QSPI_READ_CNT 0x50cu
#define QSPI_WRITE_DST 0x510u
#define QSPI_WRITE_SRC 0x514u
#define QSPI_WRITE_CNT 0x518u
#define QSPI_ERASE_PTR 0x51cu
#define QSPI_ERASE_LEN 0x520u
#define QSPI_XIPOFFSET 0x540u
#define QSPI_IFCONFIG0 0x544u
#define QSPI_IFCONFIG1 0x600u
#define QSPI_XIP_ENC_ENABLE 0x648u

#define MX25R64_SIZE (8u * 1024u * 1024u)
#define MX25R64_SECTOR 4096u

static struct k_sem qspi_ready;
static bool qspi_xip_on;

static int qspi_wait(void)
{
	for (int spins = 0; NRF_REG(NRF_QSPI_BASE, QSPI_EVENTS_READY) == 0; spins++) {
		if (spins > 1000000) {
			return -ETIMEDOUT;
		}
	}
	NRF_REG(NRF_QSPI_BASE, QSPI_EVENTS_READY) = 0;
	return 0;
}

static int qspi_nor_read(uint32_t off, void *dst, size_t len)
{
	if (off + len > MX25R64_SIZE || ((off | len | (uintptr_t)dst) & 3u) != 0) {
		return -EINVAL;
	}
	k_sem_take(&qspi_ready, K_FOREVER);
	NRF_REG(NRF_QSPI_BASE, QSPI_READ_SRC) = off;
	NRF_REG(NRF_QSPI_BASE, QSPI_READ_DST) = (uint32_t)(uintptr_t)dst;
	NRF_REG(NRF_QSPI_BASE, QSPI_READ_CNT) = len;
	NRF_REG(NRF_QSPI_BASE, QSPI_TASKS_READSTART) = 1;
	int rc = qspi_wait();

	k_sem_give(&qspi_ready);
	return rc;
}

static int qspi_nor_write(uint32_t off, const void *src, size_t len)
{
	if (off + len > MX25R64_SIZE || ((off | len | (uintptr_t)src) & 3u) != 0) {
		return -EINVAL;
	}
	k_sem_take(&qspi_ready, K_FOREVER);
	NRF_REG(NRF_QSPI_BASE, QSPI_WRITE_DST) = off;
	NRF_REG(NRF_QSPI_BASE, QSPI_WRITE_SRC) = (uint32_t)(uintptr_t)src;
	NRF_REG(NRF_QSPI_BASE, QSPI_WRITE_CNT) = len;
	NRF_REG(NRF_QSPI_BASE, QSPI_TASKS_WRITESTART) = 1;
	int rc = qspi_wait();

	k_sem_give(&qspi_ready);
	return rc;
}

static int qspi_nor_erase(uint32_t off, size_t len)
{
	int rc = 0;

	if ((off % MX25R64_SECTOR) != 0 || (len % MX25R64_SECTOR) != 0) {
		return -EINVAL;
	}
	k_sem_take(&qspi_ready, K_FOREVER);
	for (size_t done = 0; done < len && rc == 0; done += MX25R64_SECTOR) {
		NRF_REG(NRF_QSPI_BASE, QSPI_ERASE_PTR) = off + done;
		NRF_REG(NRF_QSPI_BASE, QSPI_ERASE_LEN) = 0; /* 4 KiB */
		NRF_REG(NRF_QSPI_BASE, QSPI_TASKS_ERASESTART) = 1;
		rc = qspi_wait();
	}
	k_sem_give(&qspi_ready);
	return rc;
}

int nrf_qspi_nor_xip_enable(void)
{
	if (qspi_xip_on) {
		return 0;
	}
	NRF_REG(NRF_QSPI_BASE, QSPI_XIPOFFSET) = 0;
	NRF_REG(NRF_QSPI_BASE, QSPI_XIP_ENC_ENABLE) = 0;
	qspi_xip_on = true;
	return 0;
}

static int qspi_nor_init(void)
{
	k_sem_init(&qspi_ready, 1, 1);
	NRF_REG(NRF_QSPI_BASE, QSPI_IFCONFIG0) = 0x3u | (0x2u << 3); /* READ4IO, PP4IO */
	NRF_REG(NRF_QSPI_BASE, QSPI_IFCONFIG1) = 0x1u << 28;         /* SCK 32 MHz / 2 */
	NRF_REG(NRF_QSPI_BASE, QSPI_ENABLE) = 1;
	NRF_REG(NRF_QSPI_BASE, QSPI_TASKS_ACTIVATE) = 1;
	int rc = qspi_wait();

#ifdef CONFIG_NORDIC_QSPI_NOR_XIP
	if (rc == 0) {
		rc = nrf_qspi_nor_xip_enable();
	}
#endif
	return rc;
}

/* Before anything that could run from the XIP window (NORDIC_QSPI_NOR_INIT_PRIORITY). */
SYS_INIT(qspi_nor_init, PRE_KERNEL_1, 41);

const struct flash_driver nrf_qspi_nor = {
	.name = "mx25r6435f@0",
	.erase_block = MX25R64_SECTOR,
	.write_block = 4,
	.read = qspi_nor_read,
	.write = qspi_nor_write,
	.erase = qspi_nor_erase,
};
