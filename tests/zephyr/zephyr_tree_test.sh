#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The module in real Zephyr builds. Runs only when ZEPHYR_BASE names a Zephyr tree
# (4.x) with its toolchain set up as for any Zephyr build (ZEPHYR_TOOLCHAIN_VARIANT
# and friends; ZEPHYR_MODULES when west is not used to find the modules):
#   1. sysbuild, nRF5340 code_relocation_nocopy with MCUboot: flashlint's IMG001,
#      with the numbers imgtool would print, stops the build before imgtool signs;
#      zephyr.elf and zephyr.map stay
#   2. one image whose FLASH is made too small (CONFIG_FLASH_LOAD_SIZE): ld's
#      overflow, then flashlint's SEC003 with ld's figure; the build fails
#   3. sysbuild, hello_world with MCUboot: the whole-build check passes and leaves
#      the four reports; in the final link's post-build step flashlint comes
#      before imgtool. No FLASHLINT_EXECUTABLE and no flashlint on PATH here: the
#      module builds flashlint from its own source, once, and every image runs it
# Exit 77 (skipped) without ZEPHYR_BASE.

set -u -o pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
flashlint="" repo="" out=""
while [[ $# -gt 0 ]]; do
	case "$1" in
	--flashlint) flashlint=$2; shift 2 ;;
	--repo) repo=$2; shift 2 ;;
	--build-dir) out=$2; shift 2 ;;
	*) echo "usage: zephyr_tree_test.sh --flashlint EXE --repo DIR --build-dir DIR" >&2; exit 2 ;;
	esac
done
if [[ -z ${ZEPHYR_BASE:-} ]]; then
	echo "SKIP: ZEPHYR_BASE is not set; the module's tests on a real Zephyr tree are skipped"
	exit 77
fi
[[ -f $ZEPHYR_BASE/share/sysbuild/CMakeLists.txt ]] || fail "ZEPHYR_BASE=$ZEPHYR_BASE is not a Zephyr tree with sysbuild"
command -v ninja >/dev/null || fail "ninja not found"
mods=()
[[ -n ${ZEPHYR_MODULES:-} ]] && mods=("-DZEPHYR_MODULES=$ZEPHYR_MODULES")
mkdir -p "$out" && out=$(cd "$out" && pwd -P)

# PATH without any directory that holds a flashlint
nofl_path=
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
	[[ -n $d && ! -x $d/flashlint ]] && nofl_path=${nofl_path:+$nofl_path:}$d
done

build() { # build NAME CMAKE-ARGS...: configure and build in $out/NAME, log in $out/NAME.log
	local name=$1 exe=(-DFLASHLINT_EXECUTABLE="$flashlint") run=()
	shift
	if [[ $name == clean ]]; then # the module's own host tool
		exe=()
		run=(env -u FLASHLINT_EXECUTABLE PATH="$nofl_path")
	fi
	rm -rf "${out:?}/$name"
	"${run[@]}" cmake -G Ninja -B "$out/$name" "${mods[@]}" "${exe[@]}" "$@" \
		>"$out/$name.log" 2>&1 || { tail -n 40 "$out/$name.log"; fail "$name: configure failed"; }
	"${run[@]}" ninja -C "$out/$name" >>"$out/$name.log" 2>&1
}
line_of() { grep -nE -m1 -- "$1" "$2" | cut -d: -f1; }

# 1. signing stopped by flashlint
build reloc -S "$ZEPHYR_BASE/share/sysbuild" -DEXTRA_ZEPHYR_MODULES="$repo" \
	-DAPP_DIR="$ZEPHYR_BASE/samples/application_development/code_relocation_nocopy" \
	-DBOARD=nrf5340dk/nrf5340/cpuapp -DSB_CONFIG_BOOTLOADER_MCUBOOT=y &&
	fail "reloc: the build passed"
log=$out/reloc.log
app=$out/reloc/code_relocation_nocopy/zephyr
img001=$(line_of "error: .*Image size \(0x[0-9a-f]+\) \+ trailer \(0x[0-9a-f]+\) exceeds requested size 0x[0-9a-f]+ \[IMG001\]" "$log") ||
	fail "reloc: no IMG001 with imgtool's numbers"
grep -qE "exceeds requested size" <(grep -v '\[IMG001\]' "$log") && fail "reloc: imgtool ran"
[[ -f $app/zephyr.elf && -f $app/zephyr.map ]] || fail "reloc: zephyr.elf or zephyr.map was deleted"
[[ ! -e $app/zephyr.signed.bin ]] || fail "reloc: the image was signed"
echo "== 1. IMG001 (line $img001) stopped the build before signing"

# 2. a FLASH overflow explained after ld's message
build overflow -S "$ZEPHYR_BASE/samples/hello_world" -DZEPHYR_EXTRA_MODULES="$repo" \
	-DBOARD=nrf52840dk/nrf52840 -DCONFIG_FLASH_LOAD_SIZE=0x2000 && fail "overflow: the build passed"
log=$out/overflow.log
ld=$(grep -nE -m1 "region \`FLASH' overflowed by [0-9]+ bytes" "$log") || fail "overflow: no ld overflow"
bytes=$(grep -Eo 'overflowed by [0-9]+ bytes' <<<"$ld" | grep -Eo '[0-9]+')
fl=$(line_of "error: region 'FLASH' overflowed by $bytes bytes.*\[SEC003\]" "$log") ||
	fail "overflow: flashlint did not explain the $bytes bytes"
[[ $fl -gt ${ld%%:*} ]] || fail "overflow: flashlint's explanation precedes ld's message"
echo "== 2. ld: overflowed by $bytes bytes (line ${ld%%:*}); flashlint SEC003 with the same figure (line $fl)"

# 3. a clean sysbuild: checks pass, reports written, flashlint before imgtool
build clean -S "$ZEPHYR_BASE/share/sysbuild" -DEXTRA_ZEPHYR_MODULES="$repo" \
	-DAPP_DIR="$ZEPHYR_BASE/samples/hello_world" -DBOARD=nrf52840dk/nrf52840 \
	-DSB_CONFIG_BOOTLOADER_MCUBOOT=y || { tail -n 40 "$out/clean.log"; fail "clean: the build failed"; }
log=$out/clean.log
host=$out/clean/flashlint-host/flashlint
[[ $(grep -c "flashlint: building the host tool from $repo in $out/clean/flashlint-host" "$log") -eq 1 ]] ||
	fail "clean: the module did not build its host tool exactly once"
for image in hello_world mcuboot; do
	grep -qF "$host check $out/clean/$image" "$out/clean/$image/build.ninja" ||
		fail "clean: $image is not checked with the host tool"
done
grep -q "flashlint: checking the whole build $out/clean" "$log" || fail "clean: no whole-build check"
for r in report.sarif report.json summary.md map.html; do
	[[ -s $out/clean/flashlint/$r ]] || fail "clean: flashlint/$r missing"
done
cmd=$(ninja -C "$out/clean/hello_world" -t commands zephyr/zephyr.elf | tail -n 1)
check_at=$(grep -bo -m1 "flashlint\"* check" <<<"$cmd" | head -n1 | cut -d: -f1)
sign_at=$(grep -bo -m1 "imgtool.py sign" <<<"$cmd" | head -n1 | cut -d: -f1)
[[ -n $check_at && -n $sign_at && $check_at -lt $sign_at ]] ||
	fail "clean: in the post-build step flashlint check must come before imgtool sign"
[[ -f $out/clean/hello_world/zephyr/zephyr.signed.bin ]] || fail "clean: not signed"
echo "== 3. whole-build check passed, four reports in $out/clean/flashlint; flashlint before imgtool;" \
	"flashlint built from the module's source ($host)"
echo "PASS: zephyr tree"
