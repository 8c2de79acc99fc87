#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A fuzzing campaign: each libFuzzer target of a -DFLASHLINT_FUZZ=ON build runs in
# turn (one at a time, at the lowest CPU priority) from its seeds, with its
# dictionary, until it has made --runs executions or spent --time seconds. The
# corpus grows under BUILD/fuzz/corpus/<target>, crashes go to
# BUILD/fuzz/artifacts/<target>/, logs to BUILD/fuzz/logs/; the figures of every
# target are printed and appended to BUILD/fuzz/campaign.tsv. See README.md.
set -euo pipefail

build=build-fuzz runs=10000000 time=3600 extra=()
usage() {
	echo "usage: $0 [--build DIR] [--runs N] [--time SECONDS] [TARGET...] [-- LIBFUZZER-OPTION...]" >&2
	exit 2
}
targets=()
while [ $# -gt 0 ]; do
	case $1 in
	--build) build=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--time) time=$2; shift 2 ;;
	--) shift; extra=("$@"); break ;;
	-*) usage ;;
	*) targets+=("$1"); shift ;;
	esac
done
# The harnesses rewrite a file per input: on tmpfs that costs no disk I/O.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	export TMPDIR=/dev/shm
fi
here=$(cd "$(dirname "$0")" && pwd)
list=$build/fuzz/targets.txt
[ -f "$list" ] || { echo "$0: $list missing: configure $build with -DFLASHLINT_FUZZ=ON" >&2; exit 2; }
if [ ${#targets[@]} -eq 0 ]; then
	mapfile -t targets < <(cut -f1 "$list")
fi
tsv=$build/fuzz/campaign.tsv
[ -f "$tsv" ] || printf 'date\ttarget\truns\texecs\texec_per_s\tseconds\tcov\tft\tcorpus\tcrashes\n' >"$tsv"

for t in "${targets[@]}"; do
	line=$(awk -F'\t' -v t="$t" '$1 == t' "$list")
	[ -n "$line" ] || { echo "$0: unknown target '$t'" >&2; exit 2; }
	bin=$build/fuzz/fuzz_$t
	[ -x "$bin" ] || { echo "$0: $bin missing: cmake --build $build" >&2; exit 2; }
	dict=$(cut -f2 <<<"$line")
	read -r -a seeds <<<"$(cut -f3 <<<"$line")"
	corpus=$build/fuzz/corpus/$t art=$build/fuzz/artifacts/$t log=$build/fuzz/logs/$t.log
	mkdir -p "$corpus" "$art" "$build/fuzz/logs"
	if [ "$t" = elf ] && [ ! -d "$build/fuzz/elf-seeds" ]; then
		bash "$here/elf_seeds.sh" "$build/fuzz/elf-seeds" "$here/../data/elf" "${CC:-cc}" >/dev/null
	fi
	for s in "${seeds[@]}"; do
		if [ -d "$s" ]; then
			find "$s" -maxdepth 1 -type f ! -name '.*' -exec cp -n -t "$corpus" {} +
		elif [ -f "$s" ]; then
			cp -n "$s" "$corpus/seed-$(basename "$(dirname "$s")")-$(basename "$s")"
		fi
	done
	opts=(-runs="$runs" -max_total_time="$time" -timeout=10 -rss_limit_mb=2048
	      -print_final_stats=1 -artifact_prefix="$art/")
	[ -n "$dict" ] && opts+=(-dict="$dict")
	echo "== $t: $(find "$corpus" -type f | wc -l) inputs, log $log"
	start=$(date +%s)
	set +e
	nice -n 19 "$bin" "${opts[@]}" "${extra[@]}" "$corpus" >"$log" 2>&1
	rc=$?
	set -e
	secs=$(( $(date +%s) - start ))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
	crashes=$(find "$art" -type f | wc -l)
	ncorp=$(find "$corpus" -type f | wc -l)
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$runs" \
		"${execs:-?}" "${eps:-?}" "$secs" "${cov:-?}" "${ft:-?}" "$ncorp" "$crashes" | tee -a "$tsv"
	[ $rc -eq 0 ] || echo "$t: libFuzzer exited $rc (see $log and $art)"
done
