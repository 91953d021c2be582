#!/bin/sh
# Builds one libFuzzer target and runs it.
#
#   Tests/Fuzz/run.sh TARGET SECONDS [libFuzzer options…]
#   Tests/Fuzz/run.sh list
#
# TARGET is a file of Tests/Fuzz/Targets (yaml, rules, expr, report, csv, chart, config, pdf, xlsx). The
# target is compiled with the sources of every library layer into one module with -sanitize=fuzzer,address
# (SwiftPM cannot link a libFuzzer main: see NOTES), seeded from the samples, and run for
# SECONDS. Everything it writes goes under .build-fuzz/ (git-ignored): the binary, the growing
# corpus, and crashing inputs in .build-fuzz/crashes/TARGET/. It prints libFuzzer's last status
# line (executions, executions per second, corpus size) and exits non-zero on a crash or hang.
set -eu
cd "$(dirname "$0")/../.."
targets="yaml rules expr report csv chart config pdf xlsx"
if [ "${1:-}" = "list" ]; then echo "$targets"; exit 0; fi
if [ $# -lt 2 ]; then
  echo "usage: $0 TARGET SECONDS [libFuzzer options…]   (targets: $targets)" >&2
  exit 2
fi
target=$1 seconds=$2
shift 2
[ -f "Tests/Fuzz/Targets/$target.swift" ] || { echo "$0: no target '$target' (targets: $targets)" >&2; exit 2; }

out=.build-fuzz
mkdir -p "$out/gen" "$out/bin" "$out/corpus/$target" "$out/crashes/$target" "$out/seeds/$target"

# The embedded rule packs, as the build plugin generates them.
swift build --product embed-rules >/dev/null
.build/debug/embed-rules "$out/gen/EmbeddedRulePacks.swift" Rules/*.yaml

bin="$out/bin/$target"
# The library's layers (Sources/Crossfoot*) compiled as one module: their imports of each other
# are dropped from copies under $out/gen/sources, so a target reaches `package` API directly.
rm -rf "$out/gen/sources"
mkdir -p "$out/gen/sources"
for layer in Sources/Crossfoot*/; do
  find "$layer" -name '*.swift' | while read -r f; do
    copy="$out/gen/sources/$(echo "${f#Sources/}" | tr '/' '_')"
    sed -E '/^(@_exported )?import Crossfoot[A-Za-z]*$/d' "$f" > "$copy"
  done
done
sources=$(find "$out/gen/sources" -name '*.swift' | sort)
# FUZZ_NO_BUILD=1 runs the binary already built (several targets built first, then run).
if [ ! -x "$bin" ] || { [ "${FUZZ_NO_BUILD:-0}" != 1 ] && [ -n "$(find Sources/Crossfoot* Tests/Fuzz/Targets Rules -newer "$bin" -name '*.*' | head -1)" ]; }; then
  echo "== building $target"
  # shellcheck disable=SC2086
  swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name Crossfoot -package-name crossfoot \
    -I Sources/CYAML -lyaml -I Sources/CZlib -lz \
    $sources "$out/gen/EmbeddedRulePacks.swift" \
    Tests/Fuzz/Targets/Common.swift "Tests/Fuzz/Targets/$target.swift" \
    -o "$bin" 2>&1 | grep -v "Cannot export local symbol" || true
  [ -x "$bin" ] || { echo "$0: building $target failed" >&2; exit 1; }
fi

# Seeds: the samples and the bad-input corpus, by the kind of input the target reads.
seeds="$out/seeds/$target"
case $target in
  yaml|rules) cp Rules/*.yaml Samples/custom-rules/*.yaml Benchmarks/peers.yaml "$seeds/" ;;
  config) printf 'crossfoot: 1\npacks: [default]\ninclude: ["data/**/*.csv"]\nfail-on: warning\nrules:\n  steep-drop: {severity: error, change: {max_drop: 40}}\naccept:\n  - {rule: steep-drop, where: country == "X", reason: checked}\n' > "$seeds/config.yaml" ;;
  expr) printf 'unit == "percent"' > "$seeds/1"; printf 'abs(a - b) <= 0.5 * max(a, c) or b in [1, 2]' > "$seeds/2"; printf 'matches(country, "^K[a-z]+$") and not missing(x.y)' > "$seeds/3"; printf 'sum(v) == round(w / 3 * 100, 2)' > "$seeds/4" ;;
  report) cp Samples/kazakhstan-mco-2024/report.md Tests/CrossfootTests/Fixtures/layouts/*.md Tests/CrossfootTests/Fixtures/layouts/*.txt Tests/CrossfootTests/Fixtures/layouts/*.html Tests/CrossfootTests/Fixtures/pdf/*.txt Tests/CrossfootTests/Fixtures/pdf/*.md "$seeds/" ;;
  csv) cp Samples/kazakhstan-mco-2024/*.csv Samples/custom-rules/*.csv "$seeds/" ;;
  chart) cp Samples/kazakhstan-mco-2021/chart.json Samples/kazakhstan-mco-2021/page.txt "$seeds/" ;;
  pdf) cp Tests/CrossfootTests/Fixtures/pdf/*.pdf "$seeds/" ;;
  # Whole workbooks, and their sheets' XML (the target also wraps its input as a sheet).
  xlsx) cp Tests/CrossfootTests/Fixtures/xlsx/*.xlsx "$seeds/"
    python3 -c 'import sys, zipfile
for path in sys.argv[2:]:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                open(sys.argv[1] + "/" + path.split("/")[-1] + "-" + name.split("/")[-1], "wb").write(z.read(name))' "$seeds" Tests/CrossfootTests/Fixtures/xlsx/*.xlsx ;;
esac
if [ -d Tests/Corpus/inputs ]; then
  case $target in
    yaml|rules) find Tests/Corpus/inputs -name '*.yaml' -size -1M -exec cp {} "$seeds/" \; ;;
    csv) find Tests/Corpus/inputs -name '*.csv' -size -1M -exec cp {} "$seeds/" \; ;;
    report) find Tests/Corpus/inputs \( -name '*.md' -o -name '*.txt' \) -size -1M -exec cp {} "$seeds/" \; ;;
    chart) find Tests/Corpus/inputs -name '*.json' -size -1M -exec cp {} "$seeds/" \; ;;
  esac
fi

echo "== fuzzing $target for ${seconds}s"
log="$out/$target.log"
status=0
ASAN_OPTIONS=detect_leaks=0 "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
  -artifact_prefix="$out/crashes/$target/" -print_final_stats=1 "$@" "$out/corpus/$target" "$seeds" >"$log" 2>&1 || status=$?
grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -1
grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb' "$log" || true
echo "corpus: $(ls "$out/corpus/$target" | wc -l) inputs"
if [ $status -ne 0 ]; then
  echo "== $target failed (exit $status); crashing input in $out/crashes/$target/; log in $log" >&2
  grep -E 'ERROR|fuzz invariant|Fatal error|SUMMARY' "$log" | head -5 >&2
fi
exit $status
