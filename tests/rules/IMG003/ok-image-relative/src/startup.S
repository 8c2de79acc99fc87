/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entry code of the image: in IRAM, copied there by the bootloader from its
 * image offset. In assembly so that every assembler gives the same sizes.
 */
	.syntax unified
	.cpu cortex-m4
	.thumb

	.section .iram1.vectors, "ax", %progbits
	.global __start
	.type __start, %function
	.thumb_func
__start:
	ldr r0, =app_main
	bx r0
	.size __start, . - __start
	.ltorg

	.section .entry_addr, "a", %progbits
	.word __start
