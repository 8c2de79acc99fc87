#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The ELF seeds of fuzz.elf, made when the test runs: tests/data/elf/fixture.c linked
# for Cortex-M and compiled to an object (when arm-none-eabi-gcc is installed), the
# compiled flash map of tests/data/elf_compiled/flash_map.c (device pointers, and
# name strings with fa_label, big-endian), and replay.c compiled to a host object.
# Usage: elf_seeds.sh OUT_DIR FIXTURE_DIR HOST_CC
set -eu
out=$1 src=$2 cc=$3
rm -rf "$out"
mkdir -p "$out"
"$cc" -c -O1 -ffunction-sections -o "$out/host.o" "$(dirname "$0")/replay.c"
if command -v arm-none-eabi-gcc >/dev/null 2>&1; then
	arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Os -ffreestanding -nostdlib \
		-nostartfiles -fno-asynchronous-unwind-tables -Wl,--build-id=none \
		-T "$src/fixture.ld" -o "$out/cortex-m4.elf" "$src/fixture.c"
	arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Os -ffreestanding -c -o "$out/cortex-m4.o" \
		"$src/fixture.c"
	fm=$src/../elf_compiled
	arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Os -ffreestanding -nostdlib -nostartfiles \
		-fno-asynchronous-unwind-tables -T "$fm/flash_map.ld" -o "$out/flash-map.elf" "$fm/flash_map.c"
	arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mbig-endian -Os -ffreestanding -nostdlib -nostartfiles \
		-fno-asynchronous-unwind-tables -DFA_DEV_NAME -DFA_LABELS -T "$fm/flash_map.ld" \
		-o "$out/flash-map-names-be.elf" "$fm/flash_map.c"
else
	echo "elf_seeds: arm-none-eabi-gcc not found, only the host object is a seed"
fi
ls -l "$out"
