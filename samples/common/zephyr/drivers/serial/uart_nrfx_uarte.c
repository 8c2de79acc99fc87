/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Console on UARTE0, polled: one byte per EasyDMA transfer, as Zephyr's
 * uart_nrfx_uarte driver does for poll_out.
 */
#include <stdint.h>

#include <zephyr/drivers/uart.h>
#include <zephyr/init.h>
#include <zephyr/soc.h>

#define UARTE_TASKS_STARTTX 0x008u
#define UARTE_TASKS_STOPTX 0x00cu
#define UARTE_EVENTS_ENDTX 0x120u
#define UARTE_EVENTS_TXSTOPPED 0x158u
#define UARTE_ENABLE 0x500u
#define UARTE_PSEL_TXD 0x50cu
#define UARTE_BAUDRATE 0x524u
#define UARTE_TXD_PTR 0x544u
#define UARTE_TXD_MAXCNT 0x548u

#define BAUD_115200 0x01d60000u

static uint8_t uarte_tx_byte;

void uart_console_init(void)
{
	NRF_REG(NRF_UARTE0_BASE, UARTE_PSEL_TXD) = 20; /* P0.20, the DK's VCOM0 TX */
	NRF_REG(NRF_UARTE0_BASE, UARTE_BAUDRATE) = BAUD_115200;
	NRF_REG(NRF_UARTE0_BASE, UARTE_ENABLE) = 8;
}

void uart_poll_out(unsigned char c)
{
	uarte_tx_byte = c;
	NRF_REG(NRF_UARTE0_BASE, UARTE_EVENTS_ENDTX) = 0;
	NRF_REG(NRF_UARTE0_BASE, UARTE_TXD_PTR) = (uint32_t)(uintptr_t)&uarte_tx_byte;
	NRF_REG(NRF_UARTE0_BASE, UARTE_TXD_MAXCNT) = 1;
	NRF_REG(NRF_UARTE0_BASE, UARTE_TASKS_STARTTX) = 1;
	while (NRF_REG(NRF_UARTE0_BASE, UARTE_EVENTS_ENDTX) == 0) {
	}
	NRF_REG(NRF_UARTE0_BASE, UARTE_TASKS_STOPTX) = 1;
}

static int uarte_console_init(void)
{
	uart_console_init();
	return 0;
}

SYS_INIT(uarte_console_init, PRE_KERNEL_1, 50);
