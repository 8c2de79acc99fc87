#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds one sample firmware for real (arm-none-eabi-gcc + GNU ld), checks that the
# build ends the way the sample is meant to (it links, the link overflows, or the
# flashlint post-link hook fails it), then compares `flashlint check` text and JSON
# output on the build directory with the sample's goldens. UPDATE_GOLDEN=1 rewrites
# the goldens instead of comparing.

set -u -o pipefail

usage() {
	cat >&2 <<'EOF'
usage: run_sample.sh --flashlint EXE --sample SRC_DIR --build-dir DIR
                     --toolchain FILE --expect build-ok|link-fails|check-fails
                     [--cmake CMAKE]
EOF
	exit 2
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

flashlint="" sample="" build="" toolchain="" expect="" cmake_bin="cmake"
while [[ $# -gt 0 ]]; do
	case "$1" in
	--flashlint) flashlint=$2; shift 2 ;;
	--sample) sample=$2; shift 2 ;;
	--build-dir) build=$2; shift 2 ;;
	--toolchain) toolchain=$2; shift 2 ;;
	--expect) expect=$2; shift 2 ;;
	--cmake) cmake_bin=$2; shift 2 ;;
	*) usage ;;
	esac
done
[[ -n $flashlint && -n $sample && -n $build && -n $toolchain && -n $expect ]] || usage
case "$expect" in build-ok | link-fails | check-fails) ;; *) usage ;; esac

# --- tools -----------------------------------------------------------------------
# A missing cross toolchain is a failure, not a skip: CI installs it, and a sample
# test that silently passes without linking anything proves nothing.
command -v arm-none-eabi-gcc >/dev/null 2>&1 ||
	fail "arm-none-eabi-gcc not found in PATH. The sample tests link real firmware:" \
		"install gcc-arm-none-eabi and libnewlib-arm-none-eabi (Debian/Ubuntu), or put" \
		"the GNU Arm Embedded toolchain's bin/ on PATH."
command -v make >/dev/null 2>&1 || command -v gmake >/dev/null 2>&1 ||
	fail "make not found: the samples are built with CMake's Unix Makefiles generator," \
		"whose link command lines give the archive paths the goldens expect."
[[ -x $flashlint ]] || fail "flashlint executable '$flashlint' not found; build the flashlint target first"
[[ -f $toolchain ]] || fail "toolchain file '$toolchain' not found"
[[ -f $sample/CMakeLists.txt ]] || fail "'$sample' is not a sample directory (no CMakeLists.txt)"

name=$(basename "$sample")
sample=$(cd "$sample" && pwd -P)
rm -rf "$build"
mkdir -p "$build" || fail "cannot create $build"
build=$(cd "$build" && pwd -P)
log="$build/build.log"

# --- (a) configure and build -----------------------------------------------------
echo "== sample $name: configure + build in $build"
env -u CMAKE_GENERATOR "$cmake_bin" -G "Unix Makefiles" -S "$sample" -B "$build" \
	-DCMAKE_TOOLCHAIN_FILE="$toolchain" -DFLASHLINT_EXECUTABLE="$flashlint" \
	>"$build/configure.log" 2>&1 ||
	{ cat "$build/configure.log" >&2; fail "configuring the sample failed"; }

"$cmake_bin" --build "$build" --parallel 4 >"$log" 2>&1
build_rc=$?
echo "== build exit status: $build_rc (log: $log)"

# --- (b) the build must end the way this sample is meant to ----------------------
# A sysbuild build (domains.yaml) has the application in <build>/<default domain>/,
# a child-image build in <build>/ itself.
app=""
[[ -f $build/domains.yaml ]] && app=$(sed -n 's/^default: //p' "$build/domains.yaml")
app_dir=$build${app:+/$app}
elf="$app_dir/zephyr/zephyr.elf"
map="$app_dir/zephyr/zephyr.map"
show_log() { echo "---- build log ----" >&2; cat "$log" >&2; echo "-------------------" >&2; }
# A flashlint diagnostic line: path:line[:col]: error: message [ABC123]
diag_error_re=': error: .*\[[A-Z]{3}[0-9]{3}\]'
overflow_re="region \`[A-Za-z0-9_]+' overflowed by [0-9]+ bytes"

[[ -f $build/mcuboot/zephyr/zephyr.elf ]] || { show_log; fail "the MCUboot image was not linked"; }
# Partition Manager's files only where the sample has a Partition Manager layout.
required=(zephyr/.config mcuboot/zephyr/.config)
[[ -n $app ]] && required+=("$app/zephyr/.config")
[[ -f $sample/partitions.yml ]] && required+=(partitions.yml regions.yml)
for f in "${required[@]}"; do
	[[ -f $build/$f ]] || { show_log; fail "the build did not produce $f"; }
done
grep -qxF "APPLICATION_SOURCE_DIR:PATH=$sample" "$build/CMakeCache.txt" ||
	fail "CMakeCache.txt lacks APPLICATION_SOURCE_DIR:PATH=$sample"

case "$expect" in
build-ok)
	[[ $build_rc -eq 0 ]] || { show_log; fail "the build was expected to succeed"; }
	[[ -f $elf && -f $map ]] || fail "zephyr.elf or zephyr.map missing after a successful build"
	;;
link-fails)
	[[ $build_rc -ne 0 ]] || { show_log; fail "the link was expected to fail (region overflow)"; }
	grep -Eq "$overflow_re" "$log" || { show_log; fail "ld's 'region ... overflowed by N bytes' is not in the build log"; }
	[[ -f $map ]] || fail "ld left no zephyr.map after the failed link"
	[[ ! -f $elf ]] || fail "zephyr.elf exists although the link failed"
	;;
check-fails)
	[[ $build_rc -ne 0 ]] || { show_log; fail "the build was expected to fail in the flashlint post-link check"; }
	! grep -q "collect2: error\|ld returned" "$log" || { show_log; fail "the link itself failed; it should succeed"; }
	grep -Eq "$diag_error_re" "$log" || { show_log; fail "no flashlint error in the build log"; }
	[[ -f $elf ]] || fail "zephyr.elf was deleted by the failed post-link check"
	[[ -f $map ]] || fail "zephyr.map missing"
	;;
esac

# --- (c) flashlint output against the goldens ------------------------------------
# Absolute paths differ between checkouts: the sample source directory becomes <src>
# and the sample build directory <build> (longer one first, in case one contains
# the other).
if [[ ${#build} -ge ${#sample} ]]; then
	p1=$build t1='<build>' p2=$sample t2='<src>'
else
	p1=$sample t1='<src>' p2=$build t2='<build>'
fi
normalise() {
	local line
	while IFS= read -r line || [[ -n $line ]]; do
		line=${line//"$p1"/"$t1"}
		line=${line//"$p2"/"$t2"}
		printf '%s\n' "$line"
	done
}

out_txt="$build/flashlint.txt"
out_json="$build/flashlint.json"
NO_COLOR=1 "$flashlint" check "$build" 2>"$build/flashlint.stderr" >"$build/flashlint.stdout"
rc_txt=$?
NO_COLOR=1 "$flashlint" check "$build" --format json >"$build/flashlint.json.raw" 2>"$build/flashlint.json.stderr"
rc_json=$?
normalise <"$build/flashlint.stderr" >"$out_txt"
normalise <"$build/flashlint.json.raw" >"$out_json"
echo "== flashlint check: exit $rc_txt (text), $rc_json (json)"
cat "$out_txt"

for rc in $rc_txt $rc_json; do
	[[ $rc -lt 128 ]] || fail "flashlint crashed (exit status $rc)"
done
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$out_json" ||
		fail "flashlint --format json did not produce valid JSON"
fi

exp_txt="$sample/expected.txt"
exp_json="$sample/expected.json"
if [[ ${UPDATE_GOLDEN:-0} == 1 ]]; then
	cp "$out_txt" "$exp_txt" && cp "$out_json" "$exp_json" || fail "cannot write the goldens"
	echo "== goldens updated: $exp_txt $exp_json (review them before committing)"
else
	missing=0
	for g in "$exp_txt" "$exp_json"; do
		[[ -f $g ]] || { echo "missing golden: $g" >&2; missing=1; }
	done
	[[ $missing -eq 0 ]] ||
		fail "goldens missing; create them with: UPDATE_GOLDEN=1 ctest -R 'sample\\.$name\$' (then review)"
	diff -u "$exp_txt" "$out_txt" >&2 || fail "text output differs from $exp_txt"
	diff -u "$exp_json" "$out_json" >&2 || fail "JSON output differs from $exp_json"
fi

# --- (d) exit status: 1 when the golden has errors, else 0 ------------------------
if grep -q ': error:' "$exp_txt"; then want_rc=1; else want_rc=0; fi
[[ $rc_txt -eq $want_rc ]] || fail "flashlint exited $rc_txt, expected $want_rc"
[[ $rc_json -eq $want_rc ]] || fail "flashlint --format json exited $rc_json, expected $want_rc"

# The post-link hook must have reported the same errors as the direct run.
if [[ $expect == check-fails ]]; then
	while IFS= read -r line; do
		grep -qF -- "$line" "$log" || fail "the build log lacks flashlint's line: $line"
	done < <(grep ': error:' "$build/flashlint.stderr")
fi

# --- (e) a failed link: flashlint must state ld's overflow figure -----------------
if [[ $expect == link-fails ]]; then
	n=$(grep -Eo "$overflow_re" "$log" | head -n1 | grep -Eo 'by [0-9]+ bytes' | grep -Eo '[0-9]+')
	grep -q "overflowed by $n bytes" "$out_txt" ||
		fail "ld reported 'overflowed by $n bytes' but flashlint's text output does not say 'overflowed by $n bytes'"
	echo "== ld and flashlint agree: overflowed by $n bytes"
fi

echo "PASS: sample $name"
