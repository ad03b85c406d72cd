#!/usr/bin/env bash
# Runs Lighthouse (mobile preset) with Debian's chromium on the home, a
# county, a report and a compare page, served over HTTP with gzip by the
# generator's own static server, and prints the four scores of each page.
#
# usage: scripts/lighthouse.sh [PORT [PAGE...]]
#   PAGE: a page of public/ to score instead of the four (findings.html,
#   disclosure.html, …)
# Needs chromium (apt-get install chromium) and Node; Lighthouse is
# installed with npm into ~/.cache/portal-lighthouse the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8791}
shift || true
tools=${LIGHTHOUSE_HOME:-$HOME/.cache/portal-lighthouse}
lh="$tools/node_modules/.bin/lighthouse"
if [ ! -x "$lh" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund lighthouse >/dev/null)
fi
chrome=$(command -v chromium || command -v chromium-browser)

go build -o /tmp/portal-lh ./generator
/tmp/portal-lh serve -watch=false -port "$port" >/tmp/portal-lh.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/index.html" >/dev/null && break; sleep 0.2; done

county=$(ls public/county | head -n 1)
report=$(cd public && ls report/*/*.html | head -n 1)
year=$(ls public/compare | grep -E '^[0-9]+\.html$' | sort -r | head -n 1)
out=$(mktemp -d)
printf '%-45s %12s %14s %15s %5s\n' page performance accessibility best-practices seo
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(index.html "county/$county" "$report" "compare/$year")
for page in "${pages[@]}"; do
  name=$(echo "$page" | tr '/' '_')
  CHROME_PATH=$chrome "$lh" "http://127.0.0.1:$port/$page" --quiet --output=json --output-path="$out/$name.json" \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
    --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1 || true
  node -e '
    const r = require(process.argv[1]); const c = r.categories || {};
    const s = k => c[k] && c[k].score != null ? Math.round(c[k].score * 100) : "-";
    console.log(process.argv[2].padEnd(45), String(s("performance")).padStart(12), String(s("accessibility")).padStart(14),
      String(s("best-practices")).padStart(15), String(s("seo")).padStart(5));
    for (const [k, cat] of Object.entries(c)) for (const ref of cat.auditRefs) {
      const a = r.audits[ref.id]; if (ref.weight > 0 && a.score !== null && a.score < 0.9) console.log("   ", k + ":", a.id, "-", a.title, a.displayValue || "");
    }' "$out/$name.json" "$page"
done
echo "reports: $out"
