#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Zephyr module's CMake in a sample built the way Zephyr builds an image
# (samples/common: the module added before the link targets, Ninja, the final
# link's POST_BUILD running extra_post_build_commands with a signing stand-in
# after the module's commands):
#   check-fails  flashlint's errors stop the build before signing; ELF, map and
#                the four reports stay
#   link-fails   ld's overflow message, then flashlint's explanation; the link
#                command's exit status and ld's output are the same with and
#                without the launcher
#   build-ok     the check passes and signing runs after it

set -u -o pipefail
usage() { echo "usage: module_test.sh --flashlint EXE --repo DIR --sample NAME --build-dir DIR --expect check-fails|link-fails|build-ok" >&2; exit 2; }
fail() { echo "FAIL: $*" >&2; exit 1; }
flashlint="" repo="" sample="" build="" expect=""
while [[ $# -gt 0 ]]; do
	case "$1" in
	--flashlint) flashlint=$2; shift 2 ;;
	--repo) repo=$2; shift 2 ;;
	--sample) sample=$2; shift 2 ;;
	--build-dir) build=$2; shift 2 ;;
	--expect) expect=$2; shift 2 ;;
	*) usage ;;
	esac
done
[[ -n $flashlint && -n $repo && -n $sample && -n $build && -n $expect ]] || usage
command -v ninja >/dev/null || fail "ninja not found: install ninja-build (Zephyr builds with Ninja)"
command -v arm-none-eabi-gcc >/dev/null || fail "arm-none-eabi-gcc not found: install gcc-arm-none-eabi"

src=$repo/samples/$sample
rm -rf "$build" && mkdir -p "$build" && build=$(cd "$build" && pwd -P)
log=$build/build.log
cmake -G Ninja -S "$src" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$repo/cmake/arm-none-eabi-toolchain.cmake" \
	-DFLASHLINT_HOOK=OFF -DFLASHLINT_ZEPHYR_MODULE="$repo" -DFLASHLINT_EXECUTABLE="$flashlint" \
	-DCONFIG_FLASHLINT=y -DCONFIG_FLASHLINT_LINK=y -DCONFIG_FLASHLINT_REPORTS=y \
	>"$build/configure.log" 2>&1 || { cat "$build/configure.log"; fail "configure failed"; }
ninja -C "$build" >"$log" 2>&1
rc=$?
echo "== build exit status $rc"
cat "$log"

# the line number of the first line matching a fixed string, or 0
line_of() { grep -nF -m1 -- "$1" "$log" | cut -d: -f1 || true; }
checking=$(line_of "flashlint: checking $build before signing")
signing=$(line_of "signing zephyr.elf, a stand-in for imgtool sign")
reports=(report.sarif report.json summary.md map.html)

case "$expect" in
check-fails)
	[[ $rc -ne 0 ]] || fail "the build should fail in flashlint's check"
	[[ -n $checking ]] || fail "flashlint's check did not run"
	[[ -z $signing && ! -e $build/zephyr/zephyr.signed.stamp ]] || fail "signing ran after flashlint failed"
	[[ -f $build/zephyr/zephyr.elf && -f $build/zephyr/zephyr.map ]] || fail "the ELF or the map was deleted"
	for r in "${reports[@]}"; do [[ -s $build/flashlint/$r ]] || fail "flashlint/$r missing"; done
	# every error of the sample's golden, with its numbers, is in the build log
	n=0
	while IFS= read -r line; do
		line=${line//<build>/$build}
		line=${line//<src>/$src}
		grep -qF -- "$line" "$log" || fail "the build log lacks: $line"
		n=$((n + 1))
	done < <(grep ': error:' "$src/expected.txt")
	[[ $n -gt 0 ]] || fail "the golden has no error"
	echo "== $n errors of expected.txt in the build log, before signing"
	# a second build runs the link and the check again (the failed step is not done)
	ninja -C "$build" >"$build/rebuild.log" 2>&1 && fail "the rebuild passed"
	grep -qF "flashlint: checking $build before signing" "$build/rebuild.log" || fail "the rebuild did not check again"
	;;
link-fails)
	[[ $rc -ne 0 ]] || fail "the link should fail"
	ld=$(grep -nE -m1 "region \`FLASH' overflowed by [0-9]+ bytes" "$log") || fail "no ld overflow message"
	bytes=$(grep -Eo 'overflowed by [0-9]+ bytes' <<<"$ld" | grep -Eo '[0-9]+')
	fl=$(grep -nE -m1 "error: region 'FLASH' overflowed by $bytes bytes.*\[SEC003\]" "$log") ||
		fail "flashlint did not explain the overflow of $bytes bytes"
	[[ ${fl%%:*} -gt ${ld%%:*} ]] || fail "flashlint's explanation comes before ld's message"
	[[ -z $checking ]] || fail "the post-link check ran although the link failed"
	echo "== ld: line ${ld%%:*}; flashlint SEC003, $bytes bytes: line ${fl%%:*}"
	# the same link command with and without the launcher
	cmd=$(ninja -C "$build" -t commands zephyr/zephyr.elf | tail -n 1)
	link=${cmd#*"\"$flashlint\" link -- "}
	link=${link%% && cd *}
	[[ $link != "$cmd" ]] || fail "the link command has no launcher: $cmd"
	(cd "$build" && sh -c "$link") >"$build/plain.out" 2>"$build/plain.err"
	plain_rc=$?
	(cd "$build" && "$flashlint" link -- sh -c "$link") >"$build/launched.out" 2>"$build/launched.err"
	launched_rc=$?
	[[ $plain_rc -ne 0 && $plain_rc -eq $launched_rc ]] ||
		fail "exit status: $plain_rc without the launcher, $launched_rc with it"
	cmp -s "$build/plain.out" "$build/launched.out" || fail "stdout differs with the launcher"
	head -c "$(stat -c %s "$build/plain.err")" "$build/launched.err" | cmp -s - "$build/plain.err" ||
		fail "ld's stderr is not passed through unchanged"
	echo "== exit status $plain_rc with and without the launcher; ld's output unchanged"
	;;
build-ok)
	[[ $rc -eq 0 ]] || fail "the build should pass"
	[[ -n $checking && -n $signing && $checking -lt $signing ]] || fail "the check must run, before signing"
	for r in "${reports[@]}"; do [[ -s $build/flashlint/$r ]] || fail "flashlint/$r missing"; done
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); e=[x for x in d["diagnostics"] if x["severity"]=="error"]; sys.exit(1 if e else 0)' \
		"$build/flashlint/report.json" || fail "report.json has errors"
	;;
*) usage ;;
esac
echo "PASS: module $sample ($expect)"
