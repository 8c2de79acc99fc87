/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Vector table and reset handler of the secure image, and its three
 * non-secure callable veneers (SG + B.W, 8 bytes each, as ld writes them into
 * .gnu.sgstubs). In assembly so that every assembler gives the same sizes.
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
	ldr r0, =key_table
	ldrb r1, [r0]
	b reset_handler
	.size reset_handler, . - reset_handler
	.ltorg

	.section .gnu.sgstubs.__stub, "ax", %progbits
	.global spm_request_read_nse
spm_request_read_nse:
	.word 0xe97fe97f
	.word 0xbf00bf00
	.global spm_request_random_number_nse
spm_request_random_number_nse:
	.word 0xe97fe97f
	.word 0xbf00bf00
	.global spm_firmware_info_nse
spm_firmware_info_nse:
	.word 0xe97fe97f
	.word 0xbf00bf00
