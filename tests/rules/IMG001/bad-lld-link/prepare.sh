#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Compiles src/ with arm-none-eabi-gcc and links zephyr/zephyr.elf and
# zephyr/zephyr.map with ld.lld in one link, with --omagic as Zephyr links with
# lld. Run in a copy of the fixture; writes nothing else.
#
# FLAGS is a list of options: split on purpose.
# shellcheck disable=SC2086
set -eu
CC=${CC:-arm-none-eabi-gcc}
LLD=${LLD:-ld.lld}
FLAGS="-mcpu=cortex-m33 -mthumb"
obj=$(mktemp -d)
trap 'rm -rf "$obj"' EXIT
for f in src/*.c src/*.S; do
	$CC $FLAGS -Os -std=c11 -ffunction-sections -fdata-sections -c "$f" -o "$obj/$(basename "$f").obj"
done
mkdir -p zephyr
$LLD --omagic -T src/link.ld -Map zephyr/zephyr.map -o zephyr/zephyr.elf "$obj"/*.obj
