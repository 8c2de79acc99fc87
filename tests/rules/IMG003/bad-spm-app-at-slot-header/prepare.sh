#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Links the SPM image (spm/zephyr/) and the application (zephyr/) from src/spm
# and src/app, each ELF and map in one link. Run in a copy of the fixture;
# writes nothing else.
#
# FLAGS is a list of options: split on purpose.
# shellcheck disable=SC2086
set -eu
CC=${CC:-arm-none-eabi-gcc}
FLAGS="-mcpu=cortex-m33 -mthumb"
obj=$(mktemp -d)
trap 'rm -rf "$obj"' EXIT
link() { # link SRC_DIR OUT_DIR
	$CC $FLAGS -c "$1/startup.S" -o "$obj/$(basename "$1").obj"
	mkdir -p "$2"
	$CC $FLAGS -nostdlib -T "$1/link.ld" -Wl,-Map="$2/zephyr.map" -o "$2/zephyr.elf" \
		"$obj/$(basename "$1").obj"
}
link src/spm spm/zephyr
link src/app zephyr
