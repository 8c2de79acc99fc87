/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Internal flash through the NVMC: 4 KiB pages, 4-byte words (the
 * `erase-block-size`/`write-block-size` of the nRF52/nRF53 flash0 node).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <zephyr/drivers/flash.h>
#include <zephyr/soc.h>

#define NVMC_READY 0x400u
#define NVMC_CONFIG 0x504u
#define NVMC_ERASEPAGE 0x508u
#define NVMC_CONFIG_REN 0u
#define NVMC_CONFIG_WEN 1u
#define NVMC_CONFIG_EEN 2u

#define PAGE_SIZE 4096u
#define WRITE_SIZE 4u

static void nvmc_wait_ready(void)
{
	while ((NRF_REG(NRF_NVMC_BASE, NVMC_READY) & 1u) == 0) {
	}
}

static int flash_nrf_read(uint32_t off, void *dst, size_t len)
{
	memcpy(dst, (const void *)(uintptr_t)off, len);
	return 0;
}

static int flash_nrf_write(uint32_t off, const void *src, size_t len)
{
	const uint8_t *p = src;

	if ((off % WRITE_SIZE) != 0 || (len % WRITE_SIZE) != 0) {
		return -EINVAL;
	}
	NRF_REG(NRF_NVMC_BASE, NVMC_CONFIG) = NVMC_CONFIG_WEN;
	for (size_t i = 0; i < len; i += WRITE_SIZE) {
		uint32_t w;

		memcpy(&w, p + i, sizeof(w));
		*(volatile uint32_t *)(uintptr_t)(off + i) = w;
		nvmc_wait_ready();
	}
	NRF_REG(NRF_NVMC_BASE, NVMC_CONFIG) = NVMC_CONFIG_REN;
	return 0;
}

static int flash_nrf_erase(uint32_t off, size_t len)
{
	if ((off % PAGE_SIZE) != 0 || (len % PAGE_SIZE) != 0) {
		return -EINVAL;
	}
	NRF_REG(NRF_NVMC_BASE, NVMC_CONFIG) = NVMC_CONFIG_EEN;
	for (size_t i = 0; i < len; i += PAGE_SIZE) {
		NRF_REG(NRF_NVMC_BASE, NVMC_ERASEPAGE) = off + i;
		nvmc_wait_ready();
	}
	NRF_REG(NRF_NVMC_BASE, NVMC_CONFIG) = NVMC_CONFIG_REN;
	return 0;
}

const struct flash_driver soc_flash_nrf = {
#if defined(CONFIG_SOC_NRF5340_CPUAPP)
	.name = "flash-controller@39000",
#else
	.name = "flash-controller@4001e000",
#endif
	.erase_block = PAGE_SIZE,
	.write_block = WRITE_SIZE,
	.read = flash_nrf_read,
	.write = flash_nrf_write,
	.erase = flash_nrf_erase,
};
