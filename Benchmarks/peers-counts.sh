#!/bin/sh
# Runs the release binary on the side-by-side benchmark's data with Benchmarks/peers.yaml and
# prints the five counts as ../shared/bench/run.sh expects:
#   {"percent_range": 5000, "baseline_present": 5000, "steep_drop": 5000, "total_equals_sum": 420, "ratio_recomputes": 420}
#
#   Benchmarks/peers-counts.sh DATA              counts only (lint --statistics)
#   Benchmarks/peers-counts.sh DATA --json FILE  every finding written as JSON to FILE, counts read back from it
#
# Build first: swift build -c release. Starts no interpreter besides the shell, and no other
# process than crossfoot: the counts are read with the shell's own `read`.
set -eu
case $0 in
  */*) here=${0%/*} ;;
  *) here=. ;;
esac
bin=${CROSSFOOT_BIN:-$here/../.build/release/crossfoot}
data=$1
shift
percent_range=0 baseline_present=0 steep_drop=0 total_equals_sum=0 funds_pct=0 spent_pct=0
count() {
  case $2 in
    percent-range) percent_range=$1 ;;
    baseline-present) baseline_present=$1 ;;
    steep-drop) steep_drop=$1 ;;
    total-equals-sum) total_equals_sum=$1 ;;
    funds-available-pct) funds_pct=$1 ;;
    expenditure-pct) spent_pct=$1 ;;
  esac
}
if [ "${1:-}" = "--json" ]; then
  out=$2
  "$bin" lint "$data/indicators.csv" "$data/financials.csv" --rules "$here/peers.yaml" --fail-on never --max-findings-per-rule 0 --format json --output "$out"
  # The summary's "by_rule": { "rule": count, ... } block, near the top of the file.
  inside=0
  while IFS= read -r line; do
    case $line in
      *'"by_rule": {'*) inside=1; continue ;;
    esac
    [ "$inside" = 1 ] || continue
    case $line in *'}'*) break ;; esac
    rule=${line#*\"}
    rule=${rule%%\"*}
    n=${line##*: }
    count "${n%,}" "$rule"
  done < "$out"
else
  counts=$("$bin" lint "$data/indicators.csv" "$data/financials.csv" --rules "$here/peers.yaml" --fail-on never --statistics)
  # "  5000  baseline-present  error" lines, then the summary line.
  while read -r n rule rest; do
    count "$n" "$rule"
  done <<EOF
$counts
EOF
fi
printf '{"percent_range": %d, "baseline_present": %d, "steep_drop": %d, "total_equals_sum": %d, "ratio_recomputes": %d}\n' \
  "$percent_range" "$baseline_present" "$steep_drop" "$total_equals_sum" "$((funds_pct + spent_pct))"
