#!/usr/bin/env bash
# Runs the fuzz targets one after another (docs/fuzzing.md).
# Usage: fuzz/run.sh [MINUTES] [TARGET...] — MINUTES for each target (default 30), targets hcl,
# plan, config and tf_json by default. Needs the nightly toolchain and cargo-fuzz. New inputs go to
# fuzz/corpus/<target>/, failures to fuzz/artifacts/<target>/.
set -uo pipefail
cd "$(dirname "$0")"
minutes=${1:-30}
shift $(($# > 0 ? 1 : 0))
if [ $# -gt 0 ]; then targets=("$@"); else targets=(hcl plan config tf_json); fi
shared=../../shared/corpus
status=0
for target in "${targets[@]}"; do
  case $target in
    hcl) seeds=(../testdata/rules ../testdata/examples ../testdata/formats ../testdata/fuzz/hcl "$shared/hcl") len=16384 ;;
    plan) seeds=(../testdata/plans ../testdata/fuzz/plan "$shared/plans") len=65536 ;;
    config) seeds=(seeds/config ../testdata/fuzz/config) len=65536 ;;
    tf_json) seeds=(seeds/tf_json ../testdata/fuzz/tf_json) len=65536 ;;
    *) echo "unknown target $target (hcl, plan, config, tf_json)" >&2; exit 2 ;;
  esac
  present=()
  for dir in "${seeds[@]}"; do [ -d "$dir" ] && present+=("$dir"); done
  dict=()
  [ -f "$target.dict" ] && dict=(-dict="$target.dict")
  mkdir -p "corpus/$target"
  cargo +nightly fuzz run -O -s none "$target" "corpus/$target" "${present[@]}" -- \
    -max_total_time=$((minutes * 60)) -timeout=10 -rss_limit_mb=3072 -max_len="$len" "${dict[@]}" \
    -print_final_stats=1
  code=$?
  echo "$target: exit $code"
  [ $code -ne 0 ] && status=$code
done
exit $status
