#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `flashlint link -- COMMAND`: the command's stdout, stderr and exit status come
# through byte for byte, a killed command kills the launcher with the same signal,
# and after a failure a map left over from an earlier link is not analysed.

set -u -o pipefail
flashlint=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { # check NAME WANT GOT
	if [[ $2 == "$3" ]]; then echo "ok: $1"; else echo "FAIL: $1: expected [$2], got [$3]"; fails=$((fails + 1)); fi
}

# a successful command: nothing added
"$flashlint" link -- sh -c 'printf "to stdout\n"; printf "to stderr\n" >&2' >"$tmp/out" 2>"$tmp/err"
check "success: exit status" 0 $?
check "success: stdout" "to stdout" "$(cat "$tmp/out")"
check "success: stderr" "to stderr" "$(cat "$tmp/err")"

# a failing command without a map: its status and output, nothing else
"$flashlint" link -- sh -c 'printf "partial\n"; printf "ld: error\n" >&2; exit 3' >"$tmp/out" 2>"$tmp/err"
check "failure: exit status" 3 $?
check "failure: stdout" "partial" "$(cat "$tmp/out")"
check "failure: stderr" "ld: error" "$(cat "$tmp/err")"

# killed by a signal: the launcher dies of the same signal (shell status 128+11)
"$flashlint" link -- sh -c 'kill -SEGV $$' 2>/dev/null
check "signal: status" 139 $?

# a map older than the link is not analysed
touch -d '2001-01-01 00:00:00' "$tmp/old.map"
"$flashlint" link -- sh -c 'exit 1' sh "-Wl,-Map=$tmp/old.map,--gc-sections" >"$tmp/out" 2>"$tmp/err"
check "stale map: exit status" 1 $?
check "stale map: note" "flashlint: note: the failed link wrote no new map '$tmp/old.map': nothing to explain" "$(cat "$tmp/err")"

# usage errors and a command that does not exist
"$flashlint" link sh 2>"$tmp/err"
check "no --: exit status" 2 $?
grep -q "link needs '-- LINK COMMAND'" "$tmp/err"
check "no --: message" 0 $?
"$flashlint" link -- "$tmp/no-such-linker" 2>"$tmp/err"
check "missing command: exit status" 127 $?
check "missing command: message" "flashlint: error: cannot run '$tmp/no-such-linker': No such file or directory" "$(cat "$tmp/err")"

echo "$((13 - fails)) passed, $fails failed"
[[ $fails -eq 0 ]]
