/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Vector table and reset handler of the sensor program, in assembly so that
 * every assembler produces the same section sizes: the ELF of this fixture is
 * linked at test time and compared with a committed map.
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
	ldr r0, =calib_table
	ldr r1, =calib_len
	ldr r1, [r1]
	ldr r2, =sample_rate
	str r1, [r2]
	ldrsh r3, [r0]
	b reset_handler
	.size reset_handler, . - reset_handler
	.ltorg
