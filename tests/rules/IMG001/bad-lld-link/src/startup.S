/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Vector table and reset handler, in assembly so that every assembler gives the
 * same section sizes: prepare.sh links this program with ld.lld at test time.
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
	ldr r0, =font_table
	ldr r1, =font_glyphs
	ldr r1, [r1]
	ldr r2, =frame_count
	str r1, [r2]
	ldrb r3, [r0]
	b reset_handler
	.size reset_handler, . - reset_handler
	.ltorg
