#!/usr/bin/env bash
# vnu.sh: check the HTML of every page of a build with the Nu HTML Checker.
#
#   scripts/vnu.sh              build content/ and the hostile test corpus
#                               into temporary folders, and check both
#   scripts/vnu.sh SITE_DIR...  check sites already built
#
# Prints every error as "site/page.html:line.col: message" and exits 1 if
# there is one (0 if none, 2 if the checker cannot run). Warnings are left
# out unless VNU_WARNINGS=1.
#
# Needs Java (apt-get install -y default-jre-headless) and vnu.jar, found in
# this order: $VNU_JAR; node_modules/vnu-jar in the repository; the npm
# package vnu-jar installed (on first use, with npm) into
# ${XDG_CACHE_HOME:-~/.cache}/portal-vnu.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/portal-vnu

if ! command -v java >/dev/null; then
	echo "vnu.sh: java not found; install it with: apt-get install -y default-jre-headless" >&2
	exit 2
fi

jar=${VNU_JAR:-}
if [ -z "$jar" ]; then
	for c in "$root/node_modules/vnu-jar/build/dist/vnu.jar" "$cache/node_modules/vnu-jar/build/dist/vnu.jar"; do
		if [ -f "$c" ]; then jar=$c; break; fi
	done
fi
if [ -z "$jar" ]; then
	if ! command -v npm >/dev/null; then
		echo "vnu.sh: no vnu.jar and no npm to install it; set VNU_JAR" >&2
		exit 2
	fi
	echo "vnu.sh: installing the npm package vnu-jar into $cache" >&2
	mkdir -p "$cache"
	npm install --prefix "$cache" --no-audit --no-fund --silent vnu-jar >&2
	jar=$cache/node_modules/vnu-jar/build/dist/vnu.jar
fi

tmp=
cleanup() { if [ -n "$tmp" ]; then rm -rf "$tmp"; fi; }
trap cleanup EXIT

sites=("$@")
if [ ${#sites[@]} -eq 0 ]; then
	tmp=$(mktemp -d)
	echo "vnu.sh: building content/ into $tmp/bundled" >&2
	(cd "$root" && go run ./generator build -out "$tmp/bundled" >&2)
	echo "vnu.sh: building the hostile corpus into $tmp/hostile" >&2
	(cd "$root" && PORTAL_HOSTILE_OUT="$tmp/hostile" go test -count=1 -run '^TestWriteHostileSite$' ./generator/internal/build >&2)
	sites=("$tmp/bundled" "$tmp/hostile")
fi

args=(--skip-non-html --format gnu)
if [ "${VNU_WARNINGS:-0}" != 1 ]; then
	args+=(--errors-only)
fi

status=0
for site in "${sites[@]}"; do
	if [ ! -d "$site" ]; then
		echo "vnu.sh: $site is not a folder" >&2
		exit 2
	fi
	abs=$(cd "$site" && pwd)
	echo "vnu.sh: checking $(find "$abs" -name '*.html' | wc -l) pages of $site" >&2
	# vnu exits 1 when it reports an error; its report goes to stderr.
	if ! out=$(java -jar "$jar" "${args[@]}" "$abs" 2>&1); then
		status=1
	fi
	if [ -n "$out" ]; then
		status=1
		# "file:/abs/site/x.html":12.3-12.9: error: … → site/x.html:12.3: error: …
		printf '%s\n' "$out" | sed -E "s|^\"?file:$abs/([^\"]*)\"?:([0-9]+\.[0-9]+)(-[0-9.]+)?:|$(basename "$abs")/\1:\2:|"
	fi
done
if [ $status -eq 0 ]; then
	echo "vnu.sh: no errors" >&2
fi
exit $status
