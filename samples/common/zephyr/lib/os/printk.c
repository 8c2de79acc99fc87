/* SPDX-License-Identifier: Apache-2.0 */
/*
 * printk() on the polled console UART. A small formatter instead of a libc printf,
 * which is how Zephyr keeps the console out of the image's size budget.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include <zephyr/drivers/uart.h>
#include <zephyr/sys/printk.h>

/* 32-bit only: 64-bit division would pull in libgcc, and nothing prints 64-bit values. */
static void print_num(uint32_t v, unsigned int base, bool upper, int width, char pad)
{
	static const char digits[] = "0123456789abcdef0123456789ABCDEF";
	char buf[12];
	int n = 0;

	do {
		unsigned int d = (unsigned int)(v % base);

		buf[n++] = digits[d + (upper ? 16 : 0)];
		v /= base;
	} while (v != 0 && n < (int)sizeof(buf));
	while (width-- > n) {
		uart_poll_out((unsigned char)pad);
	}
	while (n > 0) {
		uart_poll_out((unsigned char)buf[--n]);
	}
}

void vprintk(const char *fmt, va_list ap)
{
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			if (*fmt == '\n') {
				uart_poll_out('\r');
			}
			uart_poll_out((unsigned char)*fmt);
			continue;
		}
		fmt++;
		char pad = ' ';
		int width = 0;

		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9') {
			width = width * 10 + (*fmt++ - '0');
		}
		while (*fmt == 'l' || *fmt == 'z') {
			fmt++; /* long and size_t are 32 bits wide */
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			long v = va_arg(ap, long);

			if (v < 0) {
				uart_poll_out('-');
			}
			print_num(v < 0 ? 0u - (uint32_t)v : (uint32_t)v, 10, false, width, pad);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			uint32_t v = va_arg(ap, unsigned long);

			print_num(v, *fmt == 'u' ? 10 : 16, *fmt == 'X', width, pad);
			break;
		}
		case 'p':
			uart_poll_out('0');
			uart_poll_out('x');
			print_num((uintptr_t)va_arg(ap, void *), 16, false, 8, '0');
			break;
		case 's':
			for (const char *s = va_arg(ap, const char *); *s != '\0'; s++) {
				uart_poll_out((unsigned char)*s);
			}
			break;
		case 'c':
			uart_poll_out((unsigned char)va_arg(ap, int));
			break;
		case '%':
			uart_poll_out('%');
			break;
		default:
			return;
		}
	}
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}
