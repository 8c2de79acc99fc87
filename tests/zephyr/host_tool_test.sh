#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# flashlint built from the module's own source as a host tool, in the stand-in for
# sysbuild (tests/zephyr/sysbuild), with no FLASHLINT_EXECUTABLE and no flashlint on
# PATH: (1) without the libraries it needs (pkg-config finds none) the configure
# step fails and names the Debian packages; (2) with them, flashlint is built once
# into <build>/flashlint-host and the whole-build check runs it.
#
#   host_tool_test.sh REPO IMAGE-DIR OUT

set -u -o pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
repo=$1 image=$2 out=$3
[[ -f $image/zephyr/zephyr.elf ]] || fail "$image is not a built image (run zephyr.module.clean first)"
rm -rf "$out" && mkdir -p "$out/empty"

# PATH without any directory that holds a flashlint
path=
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
	[[ -n $d && ! -x $d/flashlint ]] && path=${path:+$path:}$d
done
configure() { # configure NAME ENV...: the stand-in, the module's flashlint unset
	local name=$1
	shift
	env -u FLASHLINT_EXECUTABLE PATH="$path" "$@" cmake -G Ninja -S "$repo/tests/zephyr/sysbuild" \
		-B "$out/$name" -DFLASHLINT_MODULE="$repo" "-DIMAGE_DIRS=app=$image" >"$out/$name.log" 2>&1
}

# 1. no libraries: the message names the packages
configure nolibs PKG_CONFIG_LIBDIR="$out/empty" PKG_CONFIG_PATH= && fail "nolibs: the configure passed"
cat "$out/nolibs.log"
log=$(tr -s ' \n' ' ' <"$out/nolibs.log")
for want in "flashlint: cannot configure the flashlint host tool (log: $out/nolibs/flashlint-host/configure.log)" \
	"apt-get install gcc cmake make pkg-config libelf-dev libyaml-dev libjansson-dev libiberty-dev libgraphviz-dev" \
	"Or set FLASHLINT_EXECUTABLE, or put flashlint on PATH"; do
	[[ $log == *"$want"* ]] || fail "nolibs: the message lacks '$want'"
done
grep -q "libelf" "$out/nolibs/flashlint-host/configure.log" || fail "nolibs: configure.log does not name libelf"
echo "== 1. without the libraries: the configure fails, naming the Debian packages"

# 2. built once from the module's source, and run by the whole-build check
start=$SECONDS
configure ok || { cat "$out/ok.log"; fail "ok: the configure failed"; }
host=$out/ok/flashlint-host/flashlint
grep -qF "flashlint: building the host tool from $repo in $out/ok/flashlint-host" "$out/ok.log" ||
	fail "ok: no 'building the host tool' message"
[[ -x $host ]] || fail "ok: $host was not built"
[[ $(grep -c "building the host tool" "$out/ok.log") -eq 1 ]] || fail "ok: the host tool was built more than once"
echo "== 2. host tool built in $((SECONDS - start)) s: $("$host" --version | head -n 1)"
ninja -C "$out/ok" >>"$out/ok.log" 2>&1 || { cat "$out/ok.log"; fail "ok: the build failed"; }
ninja -C "$out/ok" -t commands flashlint_check | grep -qF "$host check $out/ok" ||
	fail "ok: the whole-build check does not run $host"
grep -q "flashlint: checking the whole build $out/ok" "$out/ok.log" || fail "ok: no whole-build check"
for r in report.sarif report.json summary.md map.html; do
	[[ -s $out/ok/flashlint/$r ]] || fail "ok: flashlint/$r missing"
done
echo "PASS: host tool"
