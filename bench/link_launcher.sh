#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# What `flashlint link --` adds to a successful link: times a real GNU ld link of
# a sample (its link command from Ninja) and `true`, each N times bare and N
# times through the launcher, and prints the mean wall and CPU time per run and
# the difference.
# A measurement run by hand, not a test.
#
#   bench/link_launcher.sh [--flashlint BIN] [--runs N] [--out DIR]

set -u -o pipefail
repo=$(cd "$(dirname "$0")/.." && pwd -P)
flashlint=$repo/build/flashlint runs=50 out=$repo/build/bench-link
while [[ $# -gt 0 ]]; do
	case "$1" in
	--flashlint) flashlint=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	*) echo "usage: bench/link_launcher.sh [--flashlint BIN] [--runs N] [--out DIR]" >&2; exit 2 ;;
	esac
done
flashlint=$(cd "$(dirname "$flashlint")" && pwd -P)/$(basename "$flashlint")

# the clean sample, built with Ninja; its final link command without launcher
cmake -G Ninja -S "$repo/samples/clean" -B "$out" -DCMAKE_TOOLCHAIN_FILE="$repo/cmake/arm-none-eabi-toolchain.cmake" \
	-DFLASHLINT_HOOK=OFF >/dev/null || exit 1
ninja -C "$out" >/dev/null || exit 1
link=$(ninja -C "$out" -t commands zephyr/zephyr.elf | tail -n 1)
link=${link#: && }
link=${link%% && *}

# "WALL CPU": mean wall time and mean CPU time (user + system, the command and its
# children) of one run of "$@", in microseconds. On a loaded machine the CPU time
# is the steadier figure.
measure() {
	local t
	t=$( { TIMEFORMAT='%R %U %S'; time (for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1; done); } 2>&1 )
	read -r real user sys <<<"$t"
	echo "$(awk -v r="$real" -v n="$runs" 'BEGIN { printf "%d", r * 1e6 / n }')" \
		"$(awk -v u="$user" -v s="$sys" -v n="$runs" 'BEGIN { printf "%d", (u + s) * 1e6 / n }')"
}

cd "$out" || exit 1
printf '%-22s %22s %22s %22s\n' "" "bare (wall / CPU)" "launched (wall / CPU)" "added (wall / CPU)"
for name in true link; do
	if [[ $name == true ]]; then cmd=("$(type -P true)"); else cmd=(sh -c "$link"); fi
	"${cmd[@]}" >/dev/null 2>&1 || { echo "the $name command fails" >&2; exit 1; }
	measure "${cmd[@]}" >/dev/null # warm-up
	read -r bw bc < <(measure "${cmd[@]}")
	read -r lw lc < <(measure "$flashlint" link -- "${cmd[@]}")
	printf '%-22s %10d / %6d us %10d / %6d us %10d / %6d us\n' "$name ($runs runs)" \
		"$bw" "$bc" "$lw" "$lc" $((lw - bw)) $((lc - bc))
done
