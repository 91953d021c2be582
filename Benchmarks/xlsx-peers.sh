#!/bin/sh
# The side-by-side benchmark's indicators table as an XLSX workbook, linted by Crossfoot with the
# benchmark's rules, against reading the same workbook with the Python readers users reach for:
# pandas with the calamine engine (python-calamine) and openpyxl (read-only mode). Prints wall
# seconds and peak memory (MiB) of each whole process, median of RUNS runs.
#
#   Benchmarks/xlsx-peers.sh SIZE [RUNS]      SIZE: 100k or 1m (data from ../shared/bench/run.sh in .bench/)
#
# Needs: swift build -c release --static-swift-stdlib; pip install xlsxwriter; the peers run in
# the shared benchmark's venv (.bench/venv, or BENCH_PYTHON) with pip install python-calamine
# openpyxl pandas. The workbook is written once to .bench/SIZE/indicators.xlsx by XlsxWriter
# (numbers as number cells, percentages under a 0.00% format as a spreadsheet stores them).
set -eu
cd "$(dirname "$0")/.."
size=$1
runs=${2:-3}
data=.bench/$size
book=$data/indicators.xlsx
[ -f "$data/indicators.csv" ] || { echo "no $data/indicators.csv: run ../shared/bench/run.sh first" >&2; exit 2; }
if [ ! -f "$book" ]; then
  echo "== writing $book"
  python3 - "$data/indicators.csv" "$book" <<'PY'
import csv, sys, xlsxwriter
wb = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
ws = wb.add_worksheet("Indicators")
pct = wb.add_format({"num_format": "0.00%"})
with open(sys.argv[1], newline="") as f:
    rows = csv.reader(f)
    header = next(rows)
    ws.write_row(0, 0, header)
    value = {header.index(n) for n in ("baseline", "target", "actual")}
    unit = header.index("unit")
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row):
            if c in value and v != "":
                try:
                    x = float(v)
                except ValueError:
                    ws.write_string(r, c, v)
                    continue
                if row[unit] == "percent":
                    ws.write_number(r, c, x / 100, pct)
                else:
                    ws.write_number(r, c, x)
            elif v != "":
                ws.write_string(r, c, v)
wb.close()
PY
fi
py=${BENCH_PYTHON:-.bench/venv/bin/python}
[ -x "$py" ] || py=python3
run() {
  name=$1
  shift
  farm-bench -n "$runs" --timeout 3600 -- "$@" 2>&1 | awk -v n="$name" '/A wall s/ {w=$4} /A peak MiB/ {m=$4} END {printf "%-34s %8s s %8s MiB\n", n, w, m}'
}
echo "tool                                   wall s     peak MiB   ($size rows, median of $runs)"
run "crossfoot lint (5 checks)" .build/release/crossfoot lint "$book" --rules Benchmarks/peers.yaml --statistics --fail-on never
run "pandas + calamine (read only)" "$py" -c "import pandas, sys; pandas.read_excel(sys.argv[1], engine='calamine')" "$book"
run "python-calamine (read only)" "$py" -c "import sys; from python_calamine import CalamineWorkbook; CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()" "$book"
run "openpyxl read-only (read only)" python3 -c "import sys, openpyxl; [r for r in openpyxl.load_workbook(sys.argv[1], read_only=True).active.iter_rows(values_only=True)]" "$book"
