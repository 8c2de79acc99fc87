#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# What `flashlint link --` adds to a successful link: times a real GNU ld link of
# a sample (its link command from Ninja) and `true`, each N times bare and N
# times through the launcher, and prints the mean per run and the difference.
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

# mean wall time of one run of "$@", in microseconds
mean_us() {
	local t0 t1
	t0=$(date +%s%N)
	for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1; done
	t1=$(date +%s%N)
	echo $(((t1 - t0) / runs / 1000))
}

cd "$out" || exit 1
printf '%-28s %12s %12s %12s\n' command bare launched difference
for name in true link; do
	if [[ $name == true ]]; then cmd=(true); else cmd=(sh -c "$link"); fi
	"${cmd[@]}" >/dev/null 2>&1 || { echo "the $name command fails" >&2; exit 1; }
	mean_us "${cmd[@]}" >/dev/null # warm-up
	bare=$(mean_us "${cmd[@]}")
	launched=$(mean_us "$flashlint" link -- "${cmd[@]}")
	printf '%-28s %9d us %9d us %9d us\n' "$name ($runs runs)" "$bare" "$launched" $((launched - bare))
done
