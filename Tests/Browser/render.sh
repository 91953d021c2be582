#!/bin/sh
# Renders a Crossfoot HTML report in headless Chromium: a PNG of the page, and the DOM as the
# browser built it (after the page's scripts ran), for the tests to count findings and charts.
#
#   Tests/Browser/render.sh REPORT.html OUT.png OUT.dom.html
#
# Needs Chromium (Debian: apt-get install chromium). Writes nothing but its two outputs and a
# temporary browser profile, removed on exit.
set -eu
if [ $# -ne 3 ]; then
  echo "usage: $0 REPORT.html OUT.png OUT.dom.html" >&2
  exit 2
fi
html=$1 png=$2 dom=$3
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "$0: Chromium is not installed (apt-get install chromium)" >&2
  exit 3
fi
case $html in /*) url="file://$html" ;; *) url="file://$(pwd)/$html" ;; esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags="--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir=$profile"
# The page's own height is not known in advance: a tall window holds the findings and charts.
"$browser" $flags --window-size=1280,6000 --screenshot="$png" "$url" >/dev/null 2>&1
"$browser" $flags --virtual-time-budget=2000 --dump-dom "$url" > "$dom" 2>/dev/null
test -s "$png" && test -s "$dom"
