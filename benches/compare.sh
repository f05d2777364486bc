#!/usr/bin/env bash
# Whole-run benchmarks, side by side in one run (docs/benchmarks.md): sglint against the time of
# parsing the same files with hcl-edit on the same threads (trees of 100, 2,000 and 20,000 files)
# and of deserializing the same plan into typed structs (plans of 1,000 and 10,000 groups), with
# peak memory, and one small file as a whole process. Needs hyperfine and GNU time
# (`apt-get install hyperfine time`). Usage: benches/compare.sh [WORK_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/sglint-bench}
runs=${2:-10}
for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install hyperfine time)" >&2; exit 2; }
done

cargo build --release --quiet --bin sglint --example generate --example parse_baseline --example plan_baseline
bin=target/release
mkdir -p "$work"

# Inputs: trees of 4 files per module directory, and minified plans.
for files in 100 2000 20000; do
  [ -d "$work/tree-$files" ] || "$bin/examples/generate" tree "$work/tree-$files" $((files / 4)) 4 >/dev/null
done
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

# Median wall time in seconds of each command, measured by one hyperfine run (the median, not the
# mean: on a shared machine a few runs slowed by other work would otherwise move the result).
medians() {
  local json="$work/hyperfine.json"
  hyperfine -N -w 2 -r "$runs" -i --export-json "$json" "$@" >/dev/null
  python3 -c 'import json,sys; print(" ".join(str(r["median"]) for r in json.load(open(sys.argv[1]))["results"]))' "$json"
}

sglint_check() { echo "$bin/sglint check $1 --format concise --fail-on never"; }

# One row of the table: "files" (a tree) or "groups" (a plan), their number, the input's size in
# bytes, baseline and sglint seconds, and peak memory in KB.
row() {
  python3 - "$@" <<'EOF'
import sys
unit, count, size, base, ours, mem = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
label = f"tree, {count:,} files" if unit == "files" else f"plan, {count:,} groups"
per_file = f"{ours/count*1e6:.0f} µs" if unit == "files" else "—"
print(f"| {label} | {size/1e6:.1f} MB | {base*1e3:.0f} ms | {ours*1e3:.0f} ms | {ours/base:.2f}x | {per_file} | {mem/1024:.0f} MB | {mem*1024/size:.2f}x |")
EOF
}

printf '| input | size | baseline | sglint | ratio | per file | peak memory | memory / input |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- |\n'
for files in 100 2000 20000; do
  dir="$work/tree-$files"
  read -r base ours < <(medians "$bin/examples/parse_baseline $dir" "$(sglint_check "$dir")")
  bytes=$(find "$dir" -name '*.tf' -printf '%s\n' | awk '{ total += $1 } END { print total }')
  row files "$files" "$bytes" "$base" "$ours" "$(peak $(sglint_check "$dir"))"
done
for groups in 1000 10000; do
  plan="$work/plan-$groups.json"
  read -r base ours < <(medians "$bin/examples/plan_baseline $plan" "$(sglint_check "$plan")")
  row groups "$groups" "$(stat -c %s "$plan")" "$base" "$ours" "$(peak $(sglint_check "$plan"))"
done
read -r small < <(medians "$(sglint_check testdata/examples/main.tf)")
python3 -c 'import sys; print(f"| one small file, whole process | 2 KB | — | {float(sys.argv[1])*1e3:.1f} ms | — | — | — | — |")' "$small"
