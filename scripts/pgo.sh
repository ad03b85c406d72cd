#!/usr/bin/env bash
# pgo.sh: remake generator/default.pgo, the CPU profile that the go command
# uses to optimise the generator (profile-guided optimisation) whenever it
# builds it: go run ./generator, go build ./generator and scripts/bench.sh.
#
#   scripts/pgo.sh            profile four builds of 15,000 reports
#   scripts/pgo.sh --runs N   profile N builds
#
# It builds the generator without a profile, writes the synthetic corpus of
# the benchmarks (go run ./generator corpus -reports 15000 -seed 1) into a
# new folder, builds that site N times with -cpuprofile, each into an
# output folder never used, and merges the profiles into
# generator/default.pgo. The folder is in /dev/shm when there is one, since
# on a disk the profiles would hold more of the kernel's time and less of
# the generator's; it is deleted at the end. Remake the profile after changes that move where the build
# spends its time; an old profile still builds, it only optimises less.
set -euo pipefail

runs=4
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	-h | --help) sed -n '2,/^[^#]/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "pgo.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done
case $runs in
'' | *[!0-9]* | 0) echo "pgo.sh: --runs wants a number of builds, 1 or more" >&2; exit 2 ;;
esac

repo=$(cd "$(dirname "$0")/.." && pwd)
parent=${TMPDIR:-/tmp}
[ -d /dev/shm ] && [ -w /dev/shm ] && parent=/dev/shm
work=$(mktemp -d "$parent/portal-pgo.XXXXXX")
trap 'rm -rf "$work"' EXIT

cd "$repo"
go build -pgo=off -o "$work/portal" ./generator
"$work/portal" corpus -out "$work/site/content" -reports 15000 -seed 1 >/dev/null
ln -s "$repo/templates" "$work/site/templates"
ln -s "$repo/assets" "$work/site/assets"
for i in $(seq "$runs"); do
	rm -rf "$work/site/.cache"
	if ! "$work/portal" build -root "$work/site" -out "$work/out$i" -cpuprofile "$work/cpu$i.pprof" >"$work/build$i.log" 2>&1; then
		tail -20 "$work/build$i.log" >&2
		echo "pgo.sh: build $i failed; generator/default.pgo is unchanged" >&2
		exit 1
	fi
	rm -rf "$work/out$i" # 640 MB each
	echo "pgo.sh: profiled build $i of $runs" >&2
done
go tool pprof -proto "$work"/cpu*.pprof >"$work/default.pgo"
mv "$work/default.pgo" generator/default.pgo
echo "pgo.sh: wrote generator/default.pgo ($(wc -c <generator/default.pgo) bytes) from $runs builds" >&2
