#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Rebuilds the linker maps of the rule fixtures. Each tests/rules/src/<ID>-<case>/
# holds the sources and link.ld of one fixture program; arm-none-eabi-gcc compiles
# them, with src/common/startup.c unless the program brings its own startup file,
# and links them with -Wl,-Map. The map (text) is copied to
# tests/rules/<ID>/<case>/zephyr/zephyr.map; ELF files stay in a temporary
# directory and are never copied. What ld printed (its errors and the
# --print-memory-usage table) is kept in src/<ID>-<case>/ld.txt: the figures in
# the expected.txt files must agree with it.
# A program may list archives in src/<ID>-<case>/archives.txt, one a line:
# "PATH SOURCE...". Those sources' objects go into the archive PATH (relative,
# e.g. zephyr/drivers/flash/libdrivers__flash.a), which is linked whole, as
# Zephyr links its libraries: the map then names the member,
# zephyr/drivers/flash/libdrivers__flash.a(nrf_qspi_nor.c.obj).
#
# usage: make_fixtures.sh [NAME...]     (default: every fixture)
# environment: CC (default arm-none-eabi-gcc)
#              AR (default arm-none-eabi-ar)
#
# CFLAGS and LDFLAGS are lists of options: split on purpose.
# shellcheck disable=SC2086
set -eu

CC=${CC:-arm-none-eabi-gcc}
AR=${AR:-arm-none-eabi-ar}
here=$(cd "$(dirname "$0")" && pwd)
CFLAGS="-mcpu=cortex-m33 -mthumb -Os -std=c11 -Wall -ffunction-sections -fdata-sections -fno-common -ffreestanding -fno-tree-loop-distribute-patterns"
LDFLAGS="-mcpu=cortex-m33 -mthumb -nostdlib -Wl,--print-memory-usage"

# program (src/<name>)  fixture directory  link must succeed (ok) or fail (fail)
# [cut=L:C: keep the map's first L-1 lines and C bytes of line L, no line end]
FIXTURES="
SEC001-bad-xip-relocated         SEC001/bad-xip-relocated           ok
SEC001-ok-xip-without-bootloader SEC001/ok-xip-without-bootloader   ok
SEC002-bad-section-in-no-region  SEC002/bad-section-in-no-region    ok
SEC002-ok-section-in-otp-region  SEC002/ok-section-in-otp-region    ok
SEC003-bad-flash-overflow        SEC003/bad-flash-overflow          fail
SEC003-bad-flash-overflow        SEC003/bad-flash-overflow-map-cut  fail cut=80:20
SEC003-ok-flash-fits             SEC003/ok-flash-fits               ok
SEC004-bad-region-97-percent     SEC004/bad-region-97-percent       ok
SEC004-bad-region-97-percent     SEC004/bad-region-97-percent-werror ok
SEC004-ok-region-half-full       SEC004/ok-region-half-full         ok
IMG001-bad-trailer-does-not-fit  IMG001/bad-trailer-does-not-fit    ok
IMG001-bad-two-bytes-over        IMG001/bad-two-bytes-over          ok
IMG001-ok-trailer-fits           IMG001/ok-trailer-fits             ok
IMG001-ok-trailer-fits           INP001/ok-well-formed              ok
IMG001-bad-devicetree-slot1      IMG001/bad-devicetree-slot1/doorbell ok
IMG002-bad-swap-move-256-sectors IMG002/bad-swap-move-256-sectors   ok
IMG002-bad-devicetree-no-spare-sector IMG002/bad-devicetree-no-spare-sector/doorbell ok
IMG002-ok-under-limit            IMG002/ok-under-limit              ok
IMG003-bad-code-partition-slot1  IMG003/bad-code-partition-slot1/doorbell ok
IMG003-ok-code-partition-slot0   IMG003/ok-code-partition-slot0/doorbell ok
IMG004-bad-under-5-percent       IMG004/bad-under-5-percent         ok
IMG004-bad-headroom-option       IMG004/bad-headroom-option/doorbell ok
IMG004-ok-plenty-free            IMG004/ok-plenty-free              ok
IMG005-bad-code-partition-larger IMG005/bad-code-partition-larger/doorbell ok
IMG005-ok-equal-slots            IMG005/ok-equal-slots/doorbell     ok
INP002-bad-stale-map             INP002/bad-stale-map               ok
XFL004-bad-xip-mode-off          XFL004/bad-xip-mode-off            ok
XFL004-bad-xip-mode-off          XFL004/bad-soc-window-no-qspi-mm   ok
XFL004-bad-xip-mode-off          XFL004/ok-xip-mode-on              ok
XFL005-bad-driver-in-window      XFL005/bad-driver-in-window        ok
XFL005-ok-driver-in-internal-flash XFL005/ok-driver-in-internal-flash ok
"

# link_fixture NAME FIXTURE_DIR ok|fail [cut=L:C]
link_fixture() {
	name=$1
	fixture=$here/$2
	want=$3
	cut=${4:-}
	src=$here/src/$name
	work=$(mktemp -d)
	cp "$src/link.ld" "$work/"
	# A program with a startup file of its own does not take the shared one.
	if [ ! -e "$src/startup.c" ] && [ ! -e "$src/startup.S" ]; then
		cp "$here/src/common/startup.c" "$work/"
	fi
	for f in "$src"/*.c "$src"/*.S; do
		[ -e "$f" ] && cp "$f" "$work/"
	done
	(
		cd "$work"
		for f in *.c *.S; do
			[ -e "$f" ] || continue
			$CC $CFLAGS -c "$f" -o "$f.obj"
		done
		if [ -e "$src/archives.txt" ]; then
			while read -r lib members; do
				[ -n "$lib" ] || continue
				mkdir -p "$(dirname "$lib")"
				objs=
				for m in $members; do
					objs="$objs $m.obj"
				done
				$AR rcs "$lib" $objs
				rm -f $objs
				LDFLAGS="$LDFLAGS -Wl,--whole-archive $lib -Wl,--no-whole-archive"
			done <"$src/archives.txt"
		fi
		# Objects by relative name, so the map holds no path of this machine
		# (they are named after our own sources: none starts with a dash).
		set +e
		# shellcheck disable=SC2035
		$CC $LDFLAGS -T link.ld -Wl,-Map=zephyr.map -o zephyr.elf *.obj >ld.out 2>&1
		echo $? >ld.rc
	)
	rc=$(cat "$work/ld.rc")
	sed 's|^[^ ]*/ld: |ld: |' "$work/ld.out" >"$src/ld.txt"
	if { [ "$want" = ok ] && [ "$rc" != 0 ]; } || { [ "$want" = fail ] && [ "$rc" = 0 ]; }; then
		echo "make_fixtures: $name: link exit status $rc, expected $want:" >&2
		cat "$src/ld.txt" >&2
		rm -rf "$work"
		exit 1
	fi
	mkdir -p "$fixture/zephyr"
	if [ -n "$cut" ]; then
		# The map as a reader finds it when the write stopped mid-line.
		line=${cut#cut=}
		line=${line%%:*}
		col=${cut##*:}
		head -n $((line - 1)) "$work/zephyr.map" >"$fixture/zephyr/zephyr.map"
		sed -n "${line}p" "$work/zephyr.map" | head -c "$col" >>"$fixture/zephyr/zephyr.map"
	else
		cp "$work/zephyr.map" "$fixture/zephyr/zephyr.map"
	fi
	rm -rf "$work"
	echo "== $name -> $2/zephyr/zephyr.map (ld exit status $rc${cut:+, $cut})"
	sed 's/^/   /' "$src/ld.txt"
}

echo "$FIXTURES" | while read -r name dir want cut; do
	[ -n "$name" ] || continue
	if [ $# -gt 0 ]; then
		match=no
		for n in "$@"; do
			[ "$n" = "$name" ] && match=yes
		done
		[ $match = yes ] || continue
	fi
	link_fixture "$name" "$dir" "$want" "$cut"
done
