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

# engineDeadline LOG CORPUS BEFORE NAME PKG: whether a failed run is only
# Go's fuzzing engine reporting "context deadline exceeded" at the end of
# -fuzztime, while a worker was slow to answer: the run's log says so and
# no other failure, and every input it saved (those in CORPUS but not in
# BEFORE) passes when run again as a test. Such inputs are removed. A
# real failure saves an input that fails again.
engineDeadline() {
	local log=$1 corpus=$2 before=$3 name=$4 pkg=$5 f
	grep -q 'context deadline exceeded' "$log" || return 1
	grep -qE '^\s+[a-z_]+_test\.go:[0-9]+:|panic:|Failing input written' "$log" && return 1
	for f in $(ls "$corpus" 2>/dev/null); do
		grep -qxF "$f" <<<"$before" && continue
		go test -count=1 -run "^${name}/${f}\$" "$pkg" >/dev/null 2>&1 || return 1
		rm -f "$corpus/$f"
	done
	echo "(not a failure: the fuzzing engine's deadline at the end of -fuzztime; the input it saved passes when run again)"
	return 0
}
while IFS=: read -r file name; do
	pkg=./$(dirname "$file")
	if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " == *" $name "* ]]; then
		continue
	fi
	echo "=== $name ($pkg) for $duration"
	corpus=$(dirname "$file")/testdata/fuzz/$name
	before=$(ls "$corpus" 2>/dev/null || true)
	log=$(mktemp)
	go test -run '^$' -fuzz "^${name}\$" -fuzztime "$duration" -fuzzminimizetime "$minimize" "$pkg" 2>&1 |
		grep -v '^fuzz: elapsed: .*(0/sec)' | tee "$log"
	if [ "${PIPESTATUS[0]}" -ne 0 ] && ! engineDeadline "$log" "$corpus" "$before" "$name" "$pkg"; then
		failed+=("$name ($pkg)")
	fi
	rm -f "$log"
done < <(grep -rHoE '^func Fuzz[A-Za-z0-9_]+' --include='*_test.go' generator | sed -E 's/:func /:/' | sort -u)

if [ ${#failed[@]} -gt 0 ]; then
	echo "FAILED: ${failed[*]}"
	exit 1
fi
echo "all fuzz targets passed"
