#!/usr/bin/env bash
# Whole-run benchmarks, side by side in one run (docs/benchmarks.md): sglint against the time of
# parsing the same files with hcl-edit on the same threads (trees of 100, 2,000 and 20,000 files)
# and of deserializing the same plan into typed structs (plans of 1,000 and 10,000 groups), with
# peak memory, and one small file as a whole process. Needs GNU time and python3
# (`apt-get install time python3`). Usage: benches/compare.sh [WORK_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/sglint-bench}
runs=${2:-10}
for tool in /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install time python3)" >&2; exit 2; }
done

cargo build --release --quiet --bin sglint --example generate --example parse_baseline --example plan_baseline
bin=target/release
mkdir -p "$work"

# Inputs: trees of 4 files per module directory, and minified plans.
for files in 100 2000 20000; do
  [ -d "$work/tree-$files" ] || "$bin/examples/generate" tree "$work/tree-$files" $((files / 4)) 4 >/dev/null
done
# A tree of 2,016 files in which each of 84 roots calls its five local modules (one twice).
[ -d "$work/calls-2000" ] || "$bin/examples/generate" calls "$work/calls-2000" 84 >/dev/null
for groups in 1000 10000; do
  [ -f "$work/plan-$groups.json" ] || "$bin/examples/generate" plan "$work/plan-$groups.json" "$groups"
done

# Peak resident memory in KB: the largest of three runs.
peak() {
  local max=0 kb
  for _ in 1 2 3; do
    kb=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)
    [ "$kb" -gt "$max" ] && max=$kb
  done
  echo "$max"
}

# The median and the fastest wall time in seconds of each command. The commands run in turn
# (baseline, sglint, baseline, ...), after two warm-up rounds, so that a slow spell of a shared
# machine slows both alike; the median, not the mean, so that a few runs slowed by other work do
# not move it. Commands are split at spaces.
timings() {
  python3 - "$runs" "$@" <<'EOF'
import statistics, subprocess, sys, time
runs, commands = int(sys.argv[1]), [c.split() for c in sys.argv[2:]]
times = [[] for _ in commands]
for round in range(runs + 2):
    for command, spent in zip(commands, times):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if round >= 2:
            spent.append(time.perf_counter() - start)
print(" ".join(f"{statistics.median(t)} {min(t)}" for t in times))
EOF
}

sglint_check() { echo "$bin/sglint check $1 --format concise --fail-on never"; }

# One row of the table: "files" (a tree) or "groups" (a plan), their number, the input's size in
# bytes, baseline and sglint seconds (median and fastest of each), and peak memory in KB.
row() {
  python3 - "$@" <<'EOF'
import sys
unit, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
base, base_fastest, ours, ours_fastest = map(float, sys.argv[4:8])
mem = int(sys.argv[8])
label = {"files": f"tree, {count:,} files", "calls": f"tree of module calls, {count:,} files"}.get(unit, f"plan, {count:,} groups")
per_file = f"{ours/count*1e6:.0f} µs" if unit in ("files", "calls") else "—"
print(f"| {label} | {size/1e6:.1f} MB | {base*1e3:.0f} ms | {ours*1e3:.0f} ms | {ours/base:.2f}x | {ours_fastest/base_fastest:.2f}x | {per_file} | {mem/1024:.0f} MB | {mem*1024/size:.2f}x |")
EOF
}

printf '| input | size | baseline | sglint | ratio | ratio of fastest runs | per file | peak memory | memory / input |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for files in 100 2000 20000; do
  dir="$work/tree-$files"
  read -r -a times < <(timings "$bin/examples/parse_baseline $dir" "$(sglint_check "$dir")")
  bytes=$(find "$dir" -name '*.tf' -printf '%s\n' | awk '{ total += $1 } END { print total }')
  row files "$files" "$bytes" "${times[@]}" "$(peak $(sglint_check "$dir"))"
done
dir="$work/calls-2000"
read -r -a times < <(timings "$bin/examples/parse_baseline $dir" "$(sglint_check "$dir")")
bytes=$(find "$dir" -name '*.tf' -printf '%s\n' | awk '{ total += $1 } END { print total }')
row calls 2016 "$bytes" "${times[@]}" "$(peak $(sglint_check "$dir"))"
for groups in 1000 10000; do
  plan="$work/plan-$groups.json"
  read -r -a times < <(timings "$bin/examples/plan_baseline $plan" "$(sglint_check "$plan")")
  row groups "$groups" "$(stat -c %s "$plan")" "${times[@]}" "$(peak $(sglint_check "$plan"))"
done
read -r small _ < <(timings "$(sglint_check testdata/examples/main.tf)")
python3 -c 'import sys; print(f"| one small file, whole process | 2 KB | — | {float(sys.argv[1])*1e3:.1f} ms | — | — | — | — | — |")' "$small"
