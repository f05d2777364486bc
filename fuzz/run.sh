#!/usr/bin/env bash
# Runs the three fuzz targets one after another (docs/fuzzing.md). Usage: fuzz/run.sh [MINUTES]
# (default 31: 15 for HCL, 11 for plans, 5 for sglint.toml). Needs the nightly toolchain and
# cargo-fuzz. New inputs go to fuzz/corpus/<target>/, failures to fuzz/artifacts/<target>/.
set -uo pipefail
cd "$(dirname "$0")"
minutes=${1:-31}
shared=../../shared/corpus
run() { # target share-of-the-time seed-dirs... ; dictionary and length limit from the target
  local target=$1 share=$2; shift 2
  local seconds=$((minutes * 60 * share / 31)) dict=() len=65536
  [ -f "$target.dict" ] && dict=(-dict="$target.dict")
  [ "$target" = hcl ] && len=16384
  mkdir -p "corpus/$target"
  local seeds=()
  for dir in "$@"; do [ -d "$dir" ] && seeds+=("$dir"); done
  cargo +nightly fuzz run -O -s none "$target" "corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 -max_len="$len" "${dict[@]}" \
    -print_final_stats=1
  echo "$target: exit $?"
}
run hcl 15 ../testdata/rules ../testdata/examples ../testdata/formats ../testdata/fuzz/hcl "$shared/hcl"
run plan 11 ../testdata/plans ../testdata/fuzz/plan "$shared/plans"
run config 5 seeds/config ../testdata/fuzz/config
