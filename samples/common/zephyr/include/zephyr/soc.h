/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Peripheral base addresses of the two SoCs the samples are built for, selected by
 * the CONFIG_SOC_* definition the sample passes. Only what the drivers touch.
 */
#ifndef ZEPHYR_SOC_H
#define ZEPHYR_SOC_H

#include <stdint.h>

#if defined(CONFIG_SOC_NRF5340_CPUAPP)
#define NRF_CLOCK_BASE 0x50005000u
#define NRF_UARTE0_BASE 0x50008000u
#define NRF_QSPI_BASE 0x5002b000u
#define NRF_NVMC_BASE 0x50039000u
#define NRF_QSPI_XIP_BASE 0x10000000u
#define NRF_IRQ_COUNT 69
#elif defined(CONFIG_SOC_NRF52840)
#define NRF_CLOCK_BASE 0x40000000u
#define NRF_UARTE0_BASE 0x40002000u
#define NRF_QSPI_BASE 0x40029000u
#define NRF_NVMC_BASE 0x4001e000u
#define NRF_QSPI_XIP_BASE 0x12000000u
#define NRF_IRQ_COUNT 48
#else
#error "no CONFIG_SOC_* selected"
#endif

#define NRF_REG(base, off) (*(volatile uint32_t *)((base) + (off)))

/* Cortex-M system control space. */
#define SCB_VTOR (*(volatile uint32_t *)0xe000ed08u)
#define SCB_AIRCR (*(volatile uint32_t *)0xe000ed0cu)
#define SCB_CFSR (*(volatile uint32_t *)0xe000ed28u)
#define SCB_HFSR (*(volatile uint32_t *)0xe000ed2cu)
#define SCB_MMFAR (*(volatile uint32_t *)0xe000ed34u)
#define SCB_BFAR (*(volatile uint32_t *)0xe000ed38u)
#define SYST_CSR (*(volatile uint32_t *)0xe000e010u)
#define SYST_RVR (*(volatile uint32_t *)0xe000e014u)
#define SYST_CVR (*(volatile uint32_t *)0xe000e018u)
#define NVIC_ISER(n) (*(volatile uint32_t *)(0xe000e100u + 4u * (n)))
#define NVIC_ICER(n) (*(volatile uint32_t *)(0xe000e180u + 4u * (n)))
#define NVIC_ICPR(n) (*(volatile uint32_t *)(0xe000e280u + 4u * (n)))
#define NVIC_IPR(n) (*(volatile uint8_t *)(0xe000e400u + (n)))

#define SOC_CPU_HZ 64000000u

#endif
