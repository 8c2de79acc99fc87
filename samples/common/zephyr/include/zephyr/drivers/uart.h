/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Polled console UART used by printk().
 */
#ifndef ZEPHYR_DRIVERS_UART_H
#define ZEPHYR_DRIVERS_UART_H

void uart_console_init(void);
void uart_poll_out(unsigned char c);

#endif
