#!/usr/bin/env bash
# fuzz.sh: run every fuzz target of the generator for a while each.
#
#   scripts/fuzz.sh                 each target for 10s
#   scripts/fuzz.sh 5m              each target for 5 minutes
#   scripts/fuzz.sh 30s FuzzParse   only the targets named
#
# The targets are found by name (func FuzzXxx in a _test.go file under
# generator/). Their seeds are the bundled content/ and, when it is beside
# the repository, ../shared/seeds. A failing input is saved by go test under
# the package's testdata/fuzz/ and named in the output; re-run it with
# go test -run=FuzzXxx/NAME ./PACKAGE. Exits 1 if any target failed.
#
# CI runs this for 3s a target after "go test ./...", which runs each target once over its
# seeds only.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
duration=${1:-10s}
shift || true
only=("$@")

# Minimising a failing input of the large real reports can take long; cap
# it so a run ends near the time asked for.
minimize=${FUZZ_MINIMIZE_TIME:-10s}

failed=()
while IFS=: read -r file name; do
	pkg=./$(dirname "$file")
	if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " == *" $name "* ]]; then
		continue
	fi
	echo "=== $name ($pkg) for $duration"
	go test -run '^$' -fuzz "^${name}\$" -fuzztime "$duration" -fuzzminimizetime "$minimize" "$pkg" 2>&1 |
		grep -v '^fuzz: elapsed: .*(0/sec)'
	if [ "${PIPESTATUS[0]}" -ne 0 ]; then
		failed+=("$name ($pkg)")
	fi
done < <(grep -rHoE '^func Fuzz[A-Za-z0-9_]+' --include='*_test.go' generator | sed -E 's/:func /:/' | sort -u)

if [ ${#failed[@]} -gt 0 ]; then
	echo "FAILED: ${failed[*]}"
	exit 1
fi
echo "all fuzz targets passed"
