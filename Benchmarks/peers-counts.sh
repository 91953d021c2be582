#!/bin/sh
# Runs the release binary on the side-by-side benchmark's data with Benchmarks/peers.yaml and
# prints the five counts as ../shared/bench/run.sh expects:
#   {"percent_range": 5000, "baseline_present": 5000, "steep_drop": 5000, "total_equals_sum": 420, "ratio_recomputes": 420}
#
#   Benchmarks/peers-counts.sh DATA              counts only (lint --statistics)
#   Benchmarks/peers-counts.sh DATA --json FILE  every finding written as JSON to FILE, counts read back from it
#
# Build first: swift build -c release. Starts no interpreter besides the shell (awk only).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${CROSSFOOT_BIN:-$here/../.build/release/crossfoot}
data=$1
shift
if [ "${1:-}" = "--json" ]; then
  out=$2
  "$bin" lint "$data/indicators.csv" "$data/financials.csv" --rules "$here/peers.yaml" --fail-on never --max-findings-per-rule 0 --format json --output "$out"
  # "by_rule": { "rule": count, ... } -> "count rule" lines
  counts=$(awk '/"by_rule": \{/ {inside=1; next} inside && /\}/ {exit} inside {gsub(/[",:]/, " "); print $2, $1}' "$out")
else
  counts=$("$bin" lint "$data/indicators.csv" "$data/financials.csv" --rules "$here/peers.yaml" --fail-on never --statistics)
fi
printf '%s\n' "$counts" | awk '
  { n[$2] = $1 }
  END {
    printf "{\"percent_range\": %d, \"baseline_present\": %d, \"steep_drop\": %d, \"total_equals_sum\": %d, \"ratio_recomputes\": %d}\n",
      n["percent-range"], n["baseline-present"], n["steep-drop"], n["total-equals-sum"], n["funds-available-pct"] + n["expenditure-pct"]
  }'
