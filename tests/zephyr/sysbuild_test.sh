#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The module's sysbuild CMake in a minimal stand-in for sysbuild
# (tests/zephyr/sysbuild): the whole-build check runs after the images, writes
# the four reports, passes on a clean build and fails on a build with errors;
# SB_CONFIG_FLASHLINT_WERROR and _ARGS reach the images' Kconfig.

set -u -o pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
flashlint=$1 repo=$2 clean=$3 bad=$4 out=$5
for d in "$clean" "$bad"; do
	[[ -f $d/zephyr/zephyr.elf ]] || fail "$d is not a built image (run the zephyr.module tests first)"
done
rm -rf "$out" && mkdir -p "$out"

run() { # run NAME IMAGE-DIR CMAKE-ARGS...
	local name=$1 dir=$2
	shift 2
	cmake -G Ninja -S "$repo/tests/zephyr/sysbuild" -B "$out/$name" -DFLASHLINT_MODULE="$repo" \
		-DFLASHLINT_EXECUTABLE="$flashlint" "-DIMAGE_DIRS=app=$dir" "$@" >"$out/$name.log" 2>&1 ||
		{ cat "$out/$name.log"; fail "$name: configure failed"; }
	ninja -C "$out/$name" >>"$out/$name.log" 2>&1
}
reports() {
	for r in report.sarif report.json summary.md map.html; do
		[[ -s $out/$1/flashlint/$r ]] || fail "$1: flashlint/$r missing"
	done
}

run clean "$clean" -DSB_CONFIG_FLASHLINT_WERROR=y "-DSB_CONFIG_FLASHLINT_ARGS=--slot-headroom 1"
rc=$?
cat "$out/clean.log"
[[ $rc -eq 0 ]] || fail "clean: the build failed"
copied=$(grep -n -m1 "copy_directory" "$out/clean.log" | cut -d: -f1 || true)
checked=$(grep -n -m1 "flashlint: checking the whole build $out/clean" "$out/clean.log" | cut -d: -f1 || true)
[[ -n $copied && -n $checked && $copied -lt $checked ]] || fail "clean: the whole-build check must run after the image"
reports clean
grep -qx 'CONFIG_FLASHLINT_WERROR=y' "$out/clean/app.sysbuild.conf" || fail "clean: WERROR not handed to the image"
grep -qx 'CONFIG_FLASHLINT_ARGS="--slot-headroom 1"' "$out/clean/app.sysbuild.conf" || fail "clean: ARGS not handed to the image"
grep -q -- '-Werror --slot-headroom 1' <(ninja -C "$out/clean" -t commands flashlint_check) ||
	fail "clean: the whole-build check lacks -Werror --slot-headroom 1"
echo "== clean: checked after the image, four reports, WERROR and ARGS handed down"

run bad "$bad"
rc=$?
cat "$out/bad.log"
[[ $rc -ne 0 ]] || fail "bad: the build passed"
grep -qE "error: .*\[SEC001\]" "$out/bad.log" || fail "bad: no SEC001 in the log"
reports bad
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); n=sum(1 for x in d["diagnostics"] if x["severity"]=="error"); print("report.json errors:", n); sys.exit(0 if n == 2 else 1)' \
	"$out/bad/flashlint/report.json" || fail "bad: report.json should hold the 2 errors"
echo "PASS: sysbuild"
