#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Links mcuboot/zephyr/zephyr.elf from src/: the device instances and the flash
# map that MCUboot of this build compiles, laid out as Zephyr lays them out.
# Run in a copy of the fixture; writes nothing else.
#
# FLAGS is a list of options: split on purpose.
# shellcheck disable=SC2086
set -eu
CC=${CC:-arm-none-eabi-gcc}
FLAGS="-mcpu=cortex-m33 -mthumb -Os -ffreestanding -nostdlib -nostartfiles -fno-asynchronous-unwind-tables"
mkdir -p mcuboot/zephyr
$CC $FLAGS -T src/link.ld -o mcuboot/zephyr/zephyr.elf src/mcuboot.c
