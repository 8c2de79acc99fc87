/* SPDX-License-Identifier: Apache-2.0 */
/*
 * printk(): the kernel's console print. Formats %d %i %u %x %X %p %s %c and the
 * l/ll/z length modifiers, which is what the sample firmware prints.
 */
#ifndef ZEPHYR_SYS_PRINTK_H
#define ZEPHYR_SYS_PRINTK_H

#include <stdarg.h>

__attribute__((format(printf, 1, 2))) void printk(const char *fmt, ...);
void vprintk(const char *fmt, va_list ap);

#endif
