#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Throughput benchmark: times flashlint on a generated 30+ MB Zephyr map + ELF and on
# the real corpus maps, next to `wc -l` and `cat` on the same files, and a diff of
# that build with its next version against one check; prints a table (also saved
# under <out>/results/). Run by hand or through `make bench`; it is a measurement,
# not a test, and never runs under ctest.

set -u -o pipefail

usage() {
	cat <<'EOF'
usage: bench/run.sh [options]

  --out DIR        generated build directory (default: $BENCH_OUT or build/bench)
  --next DIR       its next version, for the diff (default: $BENCH_NEXT or DIR-next)
  --flashlint BIN  flashlint binary (default: $FLASHLINT or build/flashlint)
  --corpus DIR     real builds to time as well (default: $CORPUS or ../shared/corpus beside the repository)
  --no-corpus      skip the corpus maps
  --force          regenerate the firmware even if it is up to date
  --warmup N       warm-up runs per command (default: $BENCH_WARMUP or 3)
  --runs N         minimum timed runs per command (default: $BENCH_RUNS or 10)
  --no-hyperfine   time with the plain bash loop even if hyperfine is installed
  -h, --help       this text

Generates the firmware with bench/gen_firmware.py when needed, then times
  wc -l MAP | cat MAP > /dev/null | flashlint check OUT --format json -o /dev/null
  | flashlint check --map MAP -o /dev/null | flashlint diff OUT NEXT -o /dev/null
and reports mean times, the ratio to wc -l, MB/s (map bytes / mean) and peak RSS,
and the diff's wall and CPU time against one check of OUT.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CALLER=$PWD

OUT=${BENCH_OUT:-}
NEXT=${BENCH_NEXT:-}
FLASHLINT=${FLASHLINT:-}
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
WARMUP=${BENCH_WARMUP:-3}
RUNS=${BENCH_RUNS:-10}
DO_CORPUS=1
FORCE=()
USE_HYPERFINE=1

while [ $# -gt 0 ]; do
	case $1 in
	--out) OUT=$2; shift ;;
	--out=*) OUT=${1#*=} ;;
	--next) NEXT=$2; shift ;;
	--next=*) NEXT=${1#*=} ;;
	--flashlint) FLASHLINT=$2; shift ;;
	--flashlint=*) FLASHLINT=${1#*=} ;;
	--corpus) CORPUS=$2; shift ;;
	--corpus=*) CORPUS=${1#*=} ;;
	--no-corpus) DO_CORPUS=0 ;;
	--force) FORCE=(--force) ;;
	--warmup) WARMUP=$2; shift ;;
	--runs) RUNS=$2; shift ;;
	--no-hyperfine) USE_HYPERFINE=0 ;;
	-h|--help) usage; exit 0 ;;
	*) echo "bench/run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	esac
	shift
done

# Paths given by the caller are relative to where it ran; the defaults to the repository.
from_caller() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$CALLER" "$1" ;; esac; }
if [ -n "$OUT" ]; then OUT=$(from_caller "$OUT"); else OUT=build/bench; fi
if [ -n "$NEXT" ]; then NEXT=$(from_caller "$NEXT"); else NEXT=$OUT-next; fi
if [ -n "$FLASHLINT" ]; then FLASHLINT=$(from_caller "$FLASHLINT"); else FLASHLINT=build/flashlint; fi
CORPUS=$(from_caller "$CORPUS")
cd "$ROOT" || exit 2

command -v hyperfine >/dev/null 2>&1 || USE_HYPERFINE=0
have_gnu_time=0
[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 && have_gnu_time=1

MAP=$OUT/zephyr/zephyr.map
ELF=$OUT/zephyr/zephyr.elf
RESULTS=$OUT/results
LOG=$RESULTS/bench.log
TABLE=$RESULTS/results.md

note() { printf 'bench: %s\n' "$*" >&2; }

# ---------------------------------------------------------------- generation
if ! python3 bench/gen_firmware.py --out "$OUT" "${FORCE[@]}"; then
	if [ -f "$MAP" ] && [ -f "$ELF" ]; then
		note "generation failed; timing the existing $MAP"
	else
		note "generation failed and no map exists in $OUT"
		exit 2
	fi
fi
# The next version of the same firmware, as a review sees it: the same seed with
# 100 more functions, so that the app grows a little and most sizes move.
NEXT_FUNCTIONS=25100
HAVE_NEXT=1
if ! python3 bench/gen_firmware.py --out "$NEXT" --functions "$NEXT_FUNCTIONS" "${FORCE[@]}"; then
	if [ -f "$NEXT/zephyr/zephyr.map" ] && [ -f "$NEXT/zephyr/zephyr.elf" ]; then
		note "generation of the next build failed; timing the existing $NEXT"
	else
		note "generation of the next build failed: no diff timed"
		HAVE_NEXT=0
	fi
fi
mkdir -p "$RESULTS"
: >"$LOG"
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT

# ---------------------------------------------------------------- measuring
# measure CMD: runs the shell command CMD (warm-up, then >= RUNS timed runs) and sets
# MEAN and SD (seconds) and NRUNS.
measure() {
	local cmd=$1
	MEAN='' SD='' NRUNS=0
	if [ "$USE_HYPERFINE" = 1 ]; then
		local json=$TMPD/hf.json
		if ! hyperfine --style basic --warmup "$WARMUP" --min-runs "$RUNS" -i \
			--export-json "$json" "$cmd" >>"$LOG" 2>&1; then
			note "hyperfine failed on: $cmd (see $LOG)"
			return 1
		fi
		read -r MEAN SD NRUNS < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["mean"], r.get("stddev") or 0.0, len(r["times"]))' "$json") || return 1
		return 0
	fi
	# Fallback: a bash loop over the wall clock in nanoseconds ($EPOCHREALTIME when
	# bash has it, else `date +%s%N`); the cost of reading the clock is measured
	# and subtracted.
	# The command runs through eval, so no extra shell is started per run.
	local i t0 t1
	local -a times=()
	if [ -z "${CLOCK_COST_NS:-}" ]; then
		local -a st=()
		for ((i = 0; i < 11; i++)); do
			stamp; t0=$NOW_NS; stamp; t1=$NOW_NS
			st+=($((t1 - t0)))
		done
		CLOCK_COST_NS=$(printf '%s\n' "${st[@]}" | sort -n | sed -n 6p)
	fi
	for ((i = 0; i < WARMUP; i++)); do eval "$cmd" >/dev/null 2>&1; done
	for ((i = 0; i < RUNS; i++)); do
		stamp; t0=$NOW_NS
		eval "$cmd" >/dev/null 2>&1
		stamp; t1=$NOW_NS
		times+=($((t1 - t0 - CLOCK_COST_NS)))
	done
	read -r MEAN SD NRUNS < <(printf '%s\n' "${times[@]}" | awk '
		{ v = ($1 < 0 ? 0 : $1) / 1e9; s += v; q += v * v; n++ }
		END { m = s / n; var = n > 1 ? (q - n * m * m) / (n - 1) : 0;
		      if (var < 0) var = 0; printf "%.9f %.9f %d\n", m, sqrt(var), n }')
	printf 'loop: %s: mean %s s, sd %s s, %s runs\n' "$cmd" "$MEAN" "$SD" "$NRUNS" >>"$LOG"
}

# stamp: sets NOW_NS to the wall clock in nanoseconds, without starting a subshell
# when bash has $EPOCHREALTIME.
stamp() {
	if [ -n "${EPOCHREALTIME:-}" ]; then
		NOW_NS=${EPOCHREALTIME/[.,]/}000
	else
		NOW_NS=$(date +%s%N)
	fi
}

# peak_rss CMD: sets RSS_KB to the peak resident set size of CMD (empty if unknown).
peak_rss() {
	local cmd=$1
	RSS_KB=''
	if [ "$have_gnu_time" = 1 ]; then
		/usr/bin/time -f %M -o "$TMPD/rss" sh -c "exec $cmd" >/dev/null 2>&1
		RSS_KB=$(tail -n 1 "$TMPD/rss" 2>/dev/null | tr -dc 0-9)
		return 0
	fi
	# Without GNU time: sample VmHWM from /proc while the command runs.
	sh -c "exec $cmd" >/dev/null 2>&1 &
	local pid=$! hwm=0 v
	while [ -r "/proc/$pid/status" ]; do
		v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
		[ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
	done
	wait "$pid" 2>/dev/null
	[ "$hwm" -gt 0 ] && RSS_KB=$hwm
}

# cpu_time CMD: sets CPU_MS to the mean CPU time (user + system, ms) of RUNS runs of
# CMD as `perf stat -e task-clock` counts it (empty without perf). On a machine
# shared with other work the wall clock mostly measures waiting; CPU time does not.
have_perf=0
command -v perf >/dev/null 2>&1 && perf stat -x, -e task-clock true >/dev/null 2>&1 && have_perf=1
cpu_time() {
	CPU_MS=''
	[ "$have_perf" = 1 ] || return 0
	CPU_MS=$(perf stat -x, -e task-clock -r "$RUNS" sh -c "exec $1" 2>&1 >/dev/null |
		awk -F, '$3 == "task-clock" || $3 ~ /^task-clock/ { printf "%.2f", $1 }')
}

q() { printf '%q' "$1"; }          # quote a path for a shell command line
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }

ROWS=()
WC_MEAN=''
# row INPUT SIZE_BYTES LABEL CMD: measures CMD and appends one table row.
row() {
	local input=$1 bytes=$2 label=$3 cmd=$4
	note "timing: $label  ($input)"
	if ! measure "$cmd"; then
		ROWS+=("| $input | $(mb "$bytes") MB | \`$label\` | failed | | | | | | |")
		return
	fi
	peak_rss "$cmd"
	cpu_time "$cmd"
	local ratio='' rss='n/a' cpu='n/a' cpu_ratio=''
	ratio=$(awk -v a="$MEAN" -v b="${WC_MEAN:-$MEAN}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	if [ -n "$CPU_MS" ]; then
		[ -z "$WC_MEAN" ] && WC_CPU=$CPU_MS
		cpu="$CPU_MS ms"
		cpu_ratio=$(awk -v a="$CPU_MS" -v b="${WC_CPU:-$CPU_MS}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
		LAST_CPU_RATIO=$cpu_ratio
	fi
	[ -n "$RSS_KB" ] && rss="$(awk -v k="$RSS_KB" 'BEGIN { printf "%.1f", k / 1024 }') MiB"
	ROWS+=("$(awk -v i="$input" -v b="$bytes" -v l="$label" -v m="$MEAN" -v s="$SD" \
		-v r="$ratio" -v rss="$rss" -v n="$NRUNS" -v cpu="$cpu" -v cr="$cpu_ratio" 'BEGIN {
		printf "| %s | %.1f MB | `%s` | %.2f ms | %.2f ms | %s | %.0f | %s | %s | %s | %d |",
		       i, b / 1e6, l, m * 1e3, s * 1e3, r,
		       (m > 0 ? b / 1e6 / m : 0), rss, cpu, cr, n }')")
}

todo_row() {
	ROWS+=("| $1 | $(mb "$2") MB | \`$3\` | to be measured | | | | | | | |")
}

# Is flashlint usable? probe_flashlint CMD: 0 if CMD exits 0 or 1 (findings).
FL_STATE=''
probe_flashlint() {
	local cmd=$1 rc
	sh -c "exec $cmd" >"$TMPD/probe.out" 2>"$TMPD/probe.err"
	rc=$?
	if [ ! -c /dev/null ]; then
		note "/dev/null is no longer a character device after: $cmd"
		exit 3
	fi
	if [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; then
		return 0
	fi
	FL_STATE="exit $rc: $(head -n 1 "$TMPD/probe.err")"
	return 1
}

fl_ok=0
if [ -x "$FLASHLINT" ]; then
	fl_ok=1
else
	note "flashlint not found at '$FLASHLINT' (set FLASHLINT=...); its rows are left to be measured"
	FL_STATE="not built ($FLASHLINT)"
fi
FL=$(q "$FLASHLINT")

map_bytes=$(stat -c %s "$MAP")
elf_bytes=$(stat -c %s "$ELF")
map_lines=$(wc -l <"$MAP")
both_bytes=$((map_bytes + elf_bytes))

# ------------------------------------------------------------ generated build
WC_MEAN=''
row "zephyr.map" "$map_bytes" "wc -l" "wc -l $(q "$MAP")"
GEN_WC=$MEAN
WC_MEAN=$MEAN
row "zephyr.map" "$map_bytes" "cat > /dev/null" "cat $(q "$MAP") > /dev/null"
FULL_RATIO='' MAPONLY_RATIO=''
full_cmd="$FL check $(q "$OUT") --format json -o /dev/null"
maponly_cmd="$FL check --map $(q "$MAP") -o /dev/null"
if [ "$fl_ok" = 1 ] && probe_flashlint "$full_cmd"; then
	row "zephyr.map + zephyr.elf" "$map_bytes" "flashlint check OUT --format json" "$full_cmd"
	FULL_RATIO=$(awk -v a="$MEAN" -v b="$GEN_WC" 'BEGIN { printf "%.2f", a / b }')
	FULL_CPU_RATIO=${LAST_CPU_RATIO:-}
	FULL_MEAN=$MEAN FULL_CPU=$CPU_MS
else
	[ "$fl_ok" = 1 ] && note "flashlint full run unusable: $FL_STATE"
	todo_row "zephyr.map + zephyr.elf" "$map_bytes" "flashlint check OUT --format json"
fi
if [ "$fl_ok" = 1 ] && probe_flashlint "$maponly_cmd"; then
	row "zephyr.map" "$map_bytes" "flashlint check --map MAP" "$maponly_cmd"
	MAPONLY_RATIO=$(awk -v a="$MEAN" -v b="$GEN_WC" 'BEGIN { printf "%.2f", a / b }')
else
	[ "$fl_ok" = 1 ] && note "flashlint --map unusable: $FL_STATE"
	todo_row "zephyr.map" "$map_bytes" "flashlint check --map MAP"
fi

# ------------------------------------------------------- diff of two builds
# The diff against one check of OUT: its whole cost is reading two builds, so the
# goal is at most 2.5x a check, in wall time and in CPU time.
DIFF_RATIO='' DIFF_CPU_RATIO='' REPORT_BYTES=''
diff_cmd="$FL diff $(q "$OUT") $(q "$NEXT") -o /dev/null"
if [ "$HAVE_NEXT" = 1 ] && [ -n "${FULL_MEAN:-}" ] && probe_flashlint "$diff_cmd"; then
	next_map_bytes=$(stat -c %s "$NEXT/zephyr/zephyr.map")
	row "2 × (zephyr.map + zephyr.elf)" "$((map_bytes + next_map_bytes))" "flashlint diff OUT NEXT" "$diff_cmd"
	DIFF_RATIO=$(awk -v a="$MEAN" -v b="$FULL_MEAN" 'BEGIN { printf "%.2f", a / b }')
	[ -n "$CPU_MS" ] && [ -n "$FULL_CPU" ] &&
		DIFF_CPU_RATIO=$(awk -v a="$CPU_MS" -v b="$FULL_CPU" 'BEGIN { printf "%.2f", a / b }')
	DIFF_MEAN=$MEAN DIFF_CPU=$CPU_MS
elif [ "$HAVE_NEXT" = 1 ]; then
	[ "$fl_ok" = 1 ] && note "flashlint diff unusable: ${FL_STATE:-no check measured}"
	todo_row "2 × (zephyr.map + zephyr.elf)" "$map_bytes" "flashlint diff OUT NEXT"
fi
# The report CI keeps of the base build instead of its build directory.
if [ "$fl_ok" = 1 ] && sh -c "exec $FL check $(q "$OUT") --format json --detail full -o $(q "$TMPD/full.json")" \
	>/dev/null 2>&1 || [ $? -eq 1 ]; then
	[ -f "$TMPD/full.json" ] && REPORT_BYTES=$(stat -c %s "$TMPD/full.json")
fi
GEN_ROWS=("${ROWS[@]}")

# ------------------------------------------------------------------- corpus
ROWS=()
if [ "$DO_CORPUS" = 1 ] && [ -d "$CORPUS" ]; then
	while IFS= read -r m; do
		rel=${m#"$CORPUS"/}
		rel=${rel%/zephyr/zephyr.map}
		rel=${rel%/build}
		rel=${rel/\/build\//\/}
		bytes=$(stat -c %s "$m")
		WC_MEAN=''
		row "$rel" "$bytes" "wc -l" "wc -l $(q "$m")"
		WC_MEAN=$MEAN
		cmd="$FL check --map $(q "$m") -o /dev/null"
		if [ "$fl_ok" = 1 ] && probe_flashlint "$cmd"; then
			row "$rel" "$bytes" "flashlint check --map MAP" "$cmd"
		else
			todo_row "$rel" "$bytes" "flashlint check --map MAP"
		fi
	done < <(find "$CORPUS" -name zephyr.map -path '*/zephyr/zephyr.map' -type f | sort)
elif [ "$DO_CORPUS" = 1 ]; then
	note "no corpus at $CORPUS; skipped"
fi
CORPUS_ROWS=("${ROWS[@]}")

# ------------------------------------------------------------------- report
{
	echo "## flashlint benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
	echo
	echo "Generated build: \`$OUT\` — map $(mb "$map_bytes") MB ($map_bytes bytes, $map_lines lines)," \
		"ELF $(mb "$elf_bytes") MB ($elf_bytes bytes), map + ELF $(mb "$both_bytes") MB."
	[ "$HAVE_NEXT" = 1 ] && echo "Next build (the same seed, $NEXT_FUNCTIONS functions): \`$NEXT\` —" \
		"map $(mb "$(stat -c %s "$NEXT/zephyr/zephyr.map")") MB, ELF $(mb "$(stat -c %s "$NEXT/zephyr/zephyr.elf")") MB."
	if [ "$USE_HYPERFINE" = 1 ]; then
		echo "Timer: hyperfine $(hyperfine --version | cut -d' ' -f2), warm-up $WARMUP, at least $RUNS runs."
	else
		# shellcheck disable=SC2016 # literal text for the report
		clock='`date +%s%N`'
		# shellcheck disable=SC2016
		[ -n "${EPOCHREALTIME:-}" ] && clock='`$EPOCHREALTIME`'
		echo "Timer: bash loop over $clock (clock cost subtracted; each run includes starting the command), warm-up $WARMUP, $RUNS runs."
	fi
	echo "MB = 10^6 bytes; MB/s = map bytes / mean; × wc -l = mean / mean of \`wc -l\` on the same map;"
	echo "CPU = mean user + system time (perf stat task-clock, $RUNS runs), CPU × wc -l likewise."
	echo
	echo "| input | size | command | mean | σ | × wc -l | MB/s | peak RSS | CPU | CPU × wc -l | runs |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	printf '%s\n' "${GEN_ROWS[@]}"
	if [ ${#CORPUS_ROWS[@]} -gt 0 ]; then
		echo
		echo "Real builds ($CORPUS), map only:"
		echo
		echo "| input | size | command | mean | σ | × wc -l | MB/s | peak RSS | CPU | CPU × wc -l | runs |"
		echo "|---|---|---|---|---|---|---|---|---|---|---|"
		printf '%s\n' "${CORPUS_ROWS[@]}"
	fi
	echo
	if [ -n "$FULL_RATIO" ]; then
		verdict=$(awk -v r="$FULL_RATIO" 'BEGIN { print (r <= 2.0 ? "met" : "NOT met") }')
		echo "Goal (whole flashlint run on the generated map ≤ 2× \`wc -l\`): $verdict — ratio $FULL_RATIO" \
			"(map only: ${MAPONLY_RATIO:-n/a}; CPU time: ${FULL_CPU_RATIO:-n/a})."
	else
		echo "Goal (whole flashlint run on the generated map ≤ 2× \`wc -l\`): not measured — flashlint ${FL_STATE:-unusable}."
	fi
	echo
	if [ -n "$DIFF_RATIO" ]; then
		r=${DIFF_CPU_RATIO:-$DIFF_RATIO}
		verdict=$(awk -v r="$r" 'BEGIN { print (r <= 2.5 ? "met" : "NOT met") }')
		echo "Goal (\`flashlint diff OUT NEXT\` ≤ 2.5× one \`flashlint check OUT --format json\`," \
			"NEXT = the same seed with $NEXT_FUNCTIONS functions): $verdict — CPU time" \
			"${DIFF_CPU:-n/a} ms against ${FULL_CPU:-n/a} ms, ${DIFF_CPU_RATIO:-n/a}×;" \
			"wall $(awk -v m="$DIFF_MEAN" 'BEGIN { printf "%.2f", m * 1e3 }') ms against" \
			"$(awk -v m="$FULL_MEAN" 'BEGIN { printf "%.2f", m * 1e3 }') ms, $DIFF_RATIO×."
	else
		echo "Goal (\`flashlint diff OUT NEXT\` ≤ 2.5× one check): not measured."
	fi
	if [ -n "$REPORT_BYTES" ]; then
		echo "Saved report (\`check --format json --detail full\`): $REPORT_BYTES bytes," \
			"$(awk -v r="$REPORT_BYTES" -v m="$map_bytes" 'BEGIN { printf "1/%.1f", m / r }') of the map" \
			"(goal: at most 1/4)."
	fi
} | tee "$TABLE"
note "table saved to $TABLE; raw timer output in $LOG"
