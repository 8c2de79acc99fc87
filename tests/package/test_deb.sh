#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Debian package: built with CPack from this build tree, its file list checked,
# then unpacked with dpkg-deb -x into a temporary root and run from there: the
# unpacked flashlint must read the unpacked data (not the source tree's) and give
# a sample's expected findings; its man page must hold every line of --help.

set -u -o pipefail
usage() {
	echo "usage: test_deb.sh --build-dir DIR --sample-src DIR --sample-build DIR" \
		"--run-sample SCRIPT --flashlint EXE --toolchain FILE" >&2
	exit 2
}
fail() { echo "FAIL: $*" >&2; exit 1; }
build="" sample_src="" sample_build="" run_sample="" flashlint="" toolchain=""
while [[ $# -gt 0 ]]; do
	case "$1" in
	--build-dir) build=$2; shift 2 ;;
	--sample-src) sample_src=$2; shift 2 ;;
	--sample-build) sample_build=$2; shift 2 ;;
	--run-sample) run_sample=$2; shift 2 ;;
	--flashlint) flashlint=$2; shift 2 ;;
	--toolchain) toolchain=$2; shift 2 ;;
	*) usage ;;
	esac
done
[[ -n $build && -n $sample_src && -n $sample_build && -n $run_sample && -n $flashlint && -n $toolchain ]] || usage
command -v dpkg-deb >/dev/null || fail "dpkg-deb not found (Debian's dpkg)"
# the sample, linked and checked by the build tree's flashlint first
bash "$run_sample" --flashlint "$flashlint" --sample "$sample_src" --build-dir "$sample_build" \
	--toolchain "$toolchain" --expect check-fails >/dev/null 2>&1 || fail "building the sample failed"
sample_build=$(cd "$sample_build" && pwd -P)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$build" && cpack -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack failed"; }
deb=$(ls "$tmp"/pkg/flashlint_*.deb 2>/dev/null | head -n 1)
[[ -n $deb ]] || { cat "$tmp/cpack.log"; fail "cpack wrote no flashlint_*.deb"; }
echo "== $(basename "$deb"): $(stat -c %s "$deb") bytes"
dpkg-deb -f "$deb" Package Version Architecture Depends

dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./||' >"$tmp/files"
for f in usr/bin/flashlint usr/share/man/man1/flashlint.1 usr/share/flashlint/cmake/Flashlint.cmake \
	usr/share/flashlint/flashlint-report-1.schema.json usr/share/flashlint/data/flash-drivers.yml \
	usr/share/flashlint/data/soc-xip.yml usr/share/flashlint/docs/SEC001.md \
	usr/share/doc/flashlint/README.md usr/share/flashlint/zephyr/module.yml \
	usr/share/flashlint/zephyr/Kconfig usr/share/flashlint/zephyr/sysbuild/Kconfig; do
	grep -qxF "$f" "$tmp/files" || fail "the package lacks $f"
done
echo "== $(grep -c . "$tmp/files") entries, the expected files among them"
dpkg-deb -f "$deb" Depends | grep -q 'libelf1' || fail "Depends lacks libelf1 (dpkg-shlibdeps)"
# Graphviz is loaded with dlopen, which dpkg-shlibdeps does not see
for p in libgvc6 libcgraph6; do
	dpkg-deb -f "$deb" Depends | grep -qw "$p" || fail "Depends lacks $p (the Graphviz flashlint loads)"
done

root=$tmp/root
dpkg-deb -x "$deb" "$root"
exe=$root/usr/bin/flashlint
ver=$("$exe" --version) || fail "--version failed"
echo "$ver"
[[ $(sed -n 2p <<<"$ver") == "data: $root/usr/share/flashlint/data" ]] ||
	fail "the unpacked flashlint does not read its own data directory"

# the man page is --help: every non-empty help line is in it (roff's \- aside)
man=$root/usr/share/man/man1/flashlint.1
n=0
while IFS= read -r line; do
	[[ -z $line ]] && continue
	text=$line
	if [[ $line =~ ^([a-z][a-z\ ]*):\ *(.*)$ ]]; then
		title=${BASH_REMATCH[1]^^}
		[[ $title == USAGE ]] && title=SYNOPSIS
		grep -qxF ".SH $title" "$man" || fail "the man page lacks the section $title"
		text=${BASH_REMATCH[2]}
		[[ -z $text ]] && { n=$((n + 1)); continue; }
	fi
	grep -qF -- "$(sed -e 's/\\/\\e/g' -e 's/-/\\-/g' <<<"$text")" "$man" || fail "the man page lacks: $line"
	n=$((n + 1))
done < <("$exe" --help)
echo "== man page: all $n lines of --help"

# the sample from the unpacked package: the same findings as its golden
NO_COLOR=1 "$exe" check "$sample_build" 2>"$tmp/check.txt"
rc=$?
sed -e "s|$sample_build|<build>|g" -e "s|$sample_src|<src>|g" "$tmp/check.txt" >"$tmp/check.norm"
diff -u "$sample_src/expected.txt" "$tmp/check.norm" || fail "the packaged flashlint's findings differ from expected.txt"
[[ $rc -eq 1 ]] || fail "exit status $rc, expected 1 (errors)"
echo "== packaged flashlint check: $(grep -c ': error:' "$tmp/check.norm") errors as in expected.txt, exit 1"

# its HTML map draws the Graphviz diagram (Graphviz loaded when it is drawn)
"$exe" report "$sample_build" -o "$tmp/map.html" >/dev/null || fail "the packaged flashlint report failed"
grep -q 'could not be drawn' "$tmp/map.html" && fail "the packaged flashlint drew no diagram: $(grep -o 'could not be drawn[^<]*' "$tmp/map.html")"
nodes=$(grep -c '<g id="[^"]*node[0-9]*" class="node"' "$tmp/map.html")
[[ $nodes -gt 0 ]] || fail "the packaged flashlint's map holds no diagram node"
echo "== packaged flashlint report: a diagram of $nodes nodes"
echo "PASS: package"
