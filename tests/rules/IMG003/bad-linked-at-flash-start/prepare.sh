#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Links zephyr/zephyr.elf and writes zephyr/zephyr.map from src/ in one link
# (arm-none-eabi: only the layout of the link matters here). Run in a copy of
# the fixture; writes nothing else.
#
# FLAGS is a list of options: split on purpose.
# shellcheck disable=SC2086
set -eu
CC=${CC:-arm-none-eabi-gcc}
FLAGS="-mcpu=cortex-m4 -mthumb"
obj=$(mktemp -d)
trap 'rm -rf "$obj"' EXIT
for f in src/*.c src/*.S; do
	$CC $FLAGS -Os -std=c11 -ffunction-sections -fdata-sections -c "$f" -o "$obj/$(basename "$f").obj"
done
mkdir -p zephyr
$CC $FLAGS -nostdlib -T src/link.ld -Wl,-Map=zephyr/zephyr.map -Wl,--no-warn-rwx-segments \
	-o zephyr/zephyr.elf "$obj"/*.obj
