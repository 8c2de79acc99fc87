/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Vector table and reset handler of the app image, in assembly so that every
 * assembler gives the same section sizes.
 */
	.syntax unified
	.cpu cortex-m33
	.thumb

	.section .vectors, "a", %progbits
	.global _vector_table
_vector_table:
	.word __stack_top
	.word reset_handler

	.section .text.reset_handler, "ax", %progbits
	.global reset_handler
	.type reset_handler, %function
	.thumb_func
reset_handler:
	ldr r0, =counter
	ldr r1, [r0]
	adds r1, r1, #1
	str r1, [r0]
	b reset_handler
	.size reset_handler, . - reset_handler
	.ltorg

	.section .bss.counter, "aw", %nobits
	.global counter
counter:
	.space 4
