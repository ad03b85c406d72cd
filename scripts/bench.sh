#!/usr/bin/env bash
# Measure the generator against the targets of issue 5 and print one table.
#
# usage: scripts/bench.sh [--quick] [--runs N] [--keep] [--work DIR]
#
#   --quick   skip Hugo and the 100,000-report build
#   --runs N  time N rounds of our 15k build, its floor, Hugo's build and
#             its floor, one after another, each into a new folder, and
#             keep the fastest of each (default 1); our 100k build N
#             times too
#   --keep    keep the work folder (corpora, sites, outputs) afterwards
#   --work D  put everything under D (default: a new folder in $TMPDIR)
#
# For 15,000 reports it times, with /usr/bin/time: our build into a folder
# never used before, rebuilds (nothing changed, one file touched, one
# figure corrected, the output deleted with the cache kept), Hugo v0.165's build of
# the same corpus (../shared/bench/hugo-anchor.sh; Hugo is installed with
# go install the first time, about 3 minutes), and the floor: writing the
# same files with the same bytes from memory. The floor is timed twice:
# for our build's files, and for the files of Hugo's build, as the
# issue's anchor took it ("the same number of files with the same bytes"
# as Hugo's equivalent site, whose every page is a folder of its own).
# Then our build of 100,000 reports. Nothing is deleted until every
# timing is taken: on an ext4 without a journal, files are slow to make
# for up to six minutes after many are deleted (see the README).
# Every timing starts from the same state (settle and warm, in the script):
# its input read into memory, no writes pending, and memory just freed.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$repo/.." && pwd)/shared/bench
quick=0 runs=1 keep=0 work=""
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1 ;;
	--runs) runs=$2; shift ;;
	--keep) keep=1 ;;
	--work) work=$2; shift ;;
	-h | --help) sed -n '2,/^[^#]/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done

say() { echo "bench: $*" >&2; }

if [ ! -x /usr/bin/time ]; then
	say "installing GNU time"
	apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

if [ -z "$work" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/portal-bench.XXXXXX")
else
	mkdir -p "$work"
	[ -z "$(ls -A "$work")" ] || { echo "bench.sh: $work is not empty" >&2; exit 2; }
fi
say "work folder $work"

# nojournal DIR: whether DIR is on an ext4 without a journal, which will
# not reuse the inodes of files deleted in the last few minutes and makes
# files slowly while there are many (see the README).
nojournal() {
	local src fstype
	read -r src fstype < <(findmnt -no SOURCE,FSTYPE -T "$1" 2>/dev/null) || return 1
	[ "$fstype" = ext4 ] && [ "$(cat "/sys/fs/ext4/${src##*/}/journal_task" 2>/dev/null)" = "<none>" ]
}
if nojournal "$work"; then
	say "$work is on an ext4 without a journal: for up to six minutes after many files are deleted on it (an earlier run's work folder, say), making files is slow and every timing here with it"
fi
cleanup() {
	if [ "$keep" = 1 ]; then
		say "kept $work"
	else
		chmod -R u+w "$work" 2>/dev/null || true
		rm -rf "$work"
		if nojournal "$(dirname "$work")"; then
			say "deleted $work: on this disk, making files stays slow for up to six minutes"
		fi
	fi
}
trap cleanup EXIT

cd "$repo"
portal=/tmp/portal
say "building $portal"
go build -o "$portal" ./generator

# The floor: read every file under SRC into memory, then time writing them
# all under DST, with one writer per CPU, as a build would, in two ways
# (see write).
mkdir -p "$work/floor-tool"
cat >"$work/floor-tool/main.go" <<'EOF'
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	if os.Args[1] == "-settle" {
		settle()
		return
	}
	src, dst := os.Args[1], os.Args[2]
	var files []file
	dirs := map[string]bool{}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(src, p)
		files = append(files, file{rel, data})
		dirs[filepath.Dir(rel)] = true
		return err
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Two ways to make the folders: all of them first, then the files;
	// or by the writers, each making its file's folder when no writer
	// has yet, as our build does. Neither is always the faster: the
	// writers save making 3,000 folders before any file, but contend
	// when they make 18,000 folders in one folder. The floor is the
	// faster of the two.
	first := write(files, dirs, filepath.Join(dst, "folders-first"), false)
	byWriters := write(files, dirs, filepath.Join(dst, "folders-by-writers"), true)
	fmt.Printf("%.3f %d %.3f %.3f\n", min(first, byWriters), len(files), first, byWriters)
}

type file struct {
	name string
	data []byte
}

// write writes files under dst with one writer per CPU, from the same
// state of the machine as every timing in bench.sh (no writes pending,
// memory just freed), and returns the seconds it took. With byWriters,
// the writers make the folders as they need them; otherwise the folders
// in dirs are made first.
func write(files []file, dirs map[string]bool, dst string, byWriters bool) float64 {
	syscall.Sync()
	settle()
	debug.FreeOSMemory()
	start := time.Now()
	if !byWriters {
		for d := range dirs {
			mkdir(filepath.Join(dst, d))
		}
	}
	var made sync.Map
	var wg sync.WaitGroup
	next := make(chan file)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for f := range next {
				if d := filepath.Dir(f.name); byWriters {
					if _, ok := made.Load(d); !ok {
						mkdir(filepath.Join(dst, d))
						made.Store(d, true)
					}
				}
				if err := os.WriteFile(filepath.Join(dst, f.name), f.data, 0o644); err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
			}
		})
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	return time.Since(start).Seconds()
}

// mkdir makes the folder dir and those above it, or exits.
func mkdir(dir string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// settle touches 2.5 GB of memory, or a quarter of what is available if
// that is less, to be freed when the program exits or FreeOSMemory is
// called, so that the kernel has that much memory just freed, and not
// yet handed back to the host, for what follows (see settle in
// bench.sh).
func settle() {
	mb := 2560
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int
		for _, line := range strings.Split(string(data), "\n") {
			if _, err := fmt.Sscanf(line, "MemAvailable: %d kB", &kb); err == nil {
				mb = min(mb, kb/1024/4)
			}
		}
	}
	b := make([]byte, mb<<20)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	runtime.KeepAlive(b)
}
EOF
(cd "$work/floor-tool" && go mod init floor >/dev/null 2>&1 && go build -o floor .)

# corpus DIR ARGS...: write a corpus with the generator's corpus command,
# or, until it has one, with the corpus package's TestCommand.
corpus() {
	local dir=$1
	shift
	if "$portal" corpus -h >/dev/null 2>&1; then
		"$portal" corpus -out "$dir" "$@" >&2
	else
		PORTAL_CORPUS_ARGS="-out $dir $*" go test -count=1 -timeout 0 -run '^TestCommand$' ./generator/internal/corpus >/dev/null
		say "wrote $(find "$dir" -name '*.md' | wc -l) reports to $dir"
	fi
}

# project NAME ARGS...: a project folder with a corpus in content/ and the
# repository's templates/ and assets/.
project() {
	local p=$work/$1
	shift
	mkdir -p "$p"
	corpus "$p/content" "$@"
	ln -s "$repo/templates" "$p/templates"
	ln -s "$repo/assets" "$p/assets"
}

# settle: make every timing start from the same state of the machine.
# - No dirty pages are left to write back from the step before: the
#   kernel writing 450 MB of an earlier output to disk slows whatever
#   runs meanwhile.
# - Memory has just been freed (2.5 GB, or a quarter of what is
#   available if that is less). The virtual machine this was measured on
#   hands memory left free for 2 s back to its host (virtio-balloon free
#   page reporting), and a page taken again from the host costs a fault
#   there on first touch: writing the floor's files took 0.61-0.63 s
#   into such memory, 0.36-0.38 s into memory just freed. Without this,
#   each step ran in whatever memory the step before it freed (our
#   build after a floor that freed 415 MB, the floor after our build,
#   which frees 150 MB), which favoured some steps over others. On a
#   machine without free page reporting it changes nothing.
settle() {
	sync
	"$work/floor-tool/floor" -settle
}

# warm DIR: read every file under DIR, so that a build reading them finds
# them in memory. The kernel here pages out file data left unread for
# about a minute (DAMON), and reading 15,000 such files from disk took a
# build 0.4-0.8 s more; Hugo's input is warmed the same way.
warm() {
	find "$1" -type f -exec cat {} + >/dev/null
}

# timed NAME CMD...: run CMD under /usr/bin/time; sets wall (s), cpu (user +
# sys, s) and rss (MB).
timed() {
	local name=$1
	shift
	settle
	if ! /usr/bin/time -f '%e %M %U %S' -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1; then
		cat "$work/$name.log" >&2
		echo "bench.sh: $name failed" >&2
		exit 1
	fi
	read -r wall rss user sys <"$work/$name.time"
	rss=$((rss / 1024))
	cpu=$(awk "BEGIN{printf \"%.2f\", $user + $sys}")
	say "$name: ${wall}s wall (${user}s user, ${sys}s sys), ${rss} MB peak RSS"
}

# lower A B: whether A is less than B, or B is empty (nothing timed yet).
lower() { [ -z "$2" ] || awk "BEGIN{exit !($1 < $2)}"; }

# floor NAME SRC: the floor of the files under SRC, written into the new
# folder NAME; sets fw (s, the faster of its two ways to make the
# folders), fn (files) and fways (both ways' times). The tool frees memory
# itself, after reading the files and before each clock starts (see
# settle).
floor() {
	local first writers
	sync
	read -r fw fn first writers < <("$work/floor-tool/floor" "$2" "$work/$1")
	fways="folders first ${first}s, by the writers ${writers}s"
}

# ours NAME PROJECT: our build into a folder never used, fastest of $runs;
# sets wall, cpu, rss and out.
ours() {
	local name=$1 p=$2 best_wall="" best_cpu="" best_rss="" best_out=""
	for i in $(seq "$runs"); do
		warm "$p/content"
		timed "$name-$i" "$portal" build -root "$p" -out "$work/$name-$i"
		if lower "$wall" "$best_wall"; then
			best_wall=$wall best_cpu=$cpu best_rss=$rss best_out=$work/$name-$i
		fi
	done
	wall=$best_wall cpu=$best_cpu rss=$best_rss out=$best_out
}

say "generating corpora"
project p15k -reports 15000 -seed 1
if [ "$quick" = 0 ]; then
	corpus "$work/c15k-hugo" -reports 15000 -seed 1 -hugo
	project p100k -reports 100000 -seed 1 -departments 7
fi
sync
load0=$(cut -d' ' -f1-3 /proc/loadavg)
# How full the work folder's disk is: on the machine of the README's runs,
# our build's system time grew as the disk filled (1.2 s a build at 13-43%
# full, 1.8-2.0 s at 64%), and every timing writes over half a gigabyte.
disk0=$(df --output=pcent "$work" 2>/dev/null | tail -n 1 | tr -d ' %') || disk0=""
if [ -n "$disk0" ] && [ "$disk0" -ge 50 ]; then
	say "the disk of $work is $disk0% full: on the machine of the README's runs, building on a disk over half full took more system time, and more the fuller it was"
fi

h_wall="" h_cpu="" h_rss="" b_wall="" b_cpu="" b_rss=""
if [ "$quick" = 0 ]; then
	HUGO=${HUGO:-$(go env GOPATH)/bin/hugo}
	export HUGO
	[ -x "$HUGO" ] || say "installing Hugo v0.165.0 (about 3 minutes)"
	bash "$shared/hugo-anchor.sh" "$work/c15k-hugo" "$work/hugo-site" >/dev/null
	"$HUGO" version >&2
fi

# Each round times our build, then the floor (writing that build's files),
# then Hugo's build and the floor of its files, one after another: the
# disk's speed drifts over minutes (after deletions it is several times
# slower; see the top of this file), and timing them side by side keeps
# each round's ratios to one state of the disk.
# The table takes the fastest of each; the rounds' own ratios are printed
# too.
o_wall="" f_wall="" hf_wall="" h_files="" rounds=""
for i in $(seq "$runs"); do
	warm "$work/p15k/content"
	timed "build15k-$i" "$portal" build -root "$work/p15k" -out "$work/build15k-$i"
	ow=$wall
	if lower "$wall" "$o_wall"; then
		o_wall=$wall o_cpu=$cpu o_rss=$rss o_out=$work/build15k-$i
	fi
	floor "floor15k-$i" "$work/build15k-$i"
	f_files=$fn
	say "floor: ${fw}s to write $f_files files ($fways)"
	if lower "$fw" "$f_wall"; then f_wall=$fw; fi
	round="ours/floor $(awk "BEGIN{printf \"%.1f\", $ow / $fw}")x"
	if [ "$quick" = 0 ]; then
		warm "$work/hugo-site/content"
		timed "hugo15k-$i" "$HUGO" --quiet -s "$work/hugo-site" -d "$work/hugo15k-out-$i"
		if lower "$wall" "$h_wall"; then
			h_wall=$wall h_cpu=$cpu h_rss=$rss
		fi
		round="Hugo/ours $(awk "BEGIN{printf \"%.1f\", $wall / $ow}")x, $round"
		# The anchor's floor: writing the files of Hugo's build (the same
		# number of files with the same bytes as Hugo's site, each page
		# in a folder of its own).
		floor "floorh15k-$i" "$work/hugo15k-out-$i"
		hw=$fw h_files=$fn
		say "floor of Hugo's output: ${hw}s to write $h_files files ($fways)"
		if lower "$hw" "$hf_wall"; then hf_wall=$hw; fi
		round="$round, ours/floor of Hugo's files $(awk "BEGIN{printf \"%.1f\", $ow / $hw}")x"
	fi
	rounds="$rounds
  round $i: $round"
done
files=$(find "$o_out" -type f | wc -l)

# Page weight, read off the output of our fastest 15k build: the largest
# report page's HTML; the table rows of the home page's HTML (it shows the
# latest reports and links to the paged list, rather than one row per
# report); and the most a county page's first view can transfer with gzip
# (gzip -6): the largest page compressed, with every asset it links to that
# a browser fetches (its stylesheet, script and icon) and the ECharts
# bundle, which site.js loads once a chart comes into view. A first view
# with no chart in it (a county page's tables come first) transfers less.
gz() { gzip -6 -c "$1" | wc -c; }
w_report=$(find "$o_out/report" -type f -name '*.html' -printf '%s\n' | sort -n | tail -n 1)
w_rows=$(grep -o '<tr[ >]' "$o_out/index.html" | wc -l)
w_page=0 w_name=""
for f in "$o_out"/county/*.html; do
	n=$(gz "$f")
	if [ "$n" -gt "$w_page" ]; then w_page=$n w_name=$f; fi
done
w_assets=0
for a in $(grep -oE '<(link rel="(stylesheet|icon)"|script)[^>]*(href|src)="\.\./assets/[^"]*"' "$w_name" |
	sed -E 's/.*(href|src)="\.\.\/assets\/([^"]*)"$/\2/') vendor/echarts/echarts.custom.min.js; do
	[ -f "$o_out/assets/$a" ] || { echo "bench.sh: $w_name links to assets/$a, which the build did not write" >&2; exit 1; }
	w_assets=$((w_assets + $(gz "$o_out/assets/$a")))
done
w_county=$(((w_page + w_assets + 512) / 1024))
say "page weight: largest report page ${w_report} bytes; home page ${w_rows} table rows; county page ${w_name##*/}: ${w_page} bytes with gzip, ${w_assets} bytes of assets with gzip"

# The rebuild with nothing changed, as many times as the rounds, fastest
# kept, as for every other timing: it only reads the content's and the
# output's file stamps, read first here as a build right after another
# finds them. Timed once, after Hugo's builds, it took 0.30 s; timed
# three times (on 74dced6), the first took 0.28 s even with its inputs
# read, the others 0.15 and 0.14 s, as a rebuild run by hand takes (the
# first's cost was not found).
r_wall=""
for i in $(seq "$runs"); do
	warm "$work/p15k/content"
	find "$o_out" -type f -exec stat -c %Y {} + >/dev/null
	timed "rebuild15k-$i" "$portal" build -root "$work/p15k" -out "$o_out"
	if lower "$wall" "$r_wall"; then
		r_wall=$wall r_cpu=$cpu r_rss=$rss
	fi
done

# One report file touched, its bytes unchanged (saved again in an editor,
# written back by a checkout): nothing changed, which the build tells by
# hashing that file.
one=$(find "$work/p15k/content" -name '*.md' | sort | sed -n 7500p)
touch "$one"
timed touch15k "$portal" build -root "$work/p15k" -out "$o_out"
t_wall=$wall t_cpu=$cpu t_rss=$rss

# One report's figure corrected: the pages that show it (and the ranks it
# moves) are made again; the others are kept.
sed -i '0,/^  total: /s//  total: 1/' "$one"
timed change15k "$portal" build -root "$work/p15k" -out "$o_out"
c_wall=$wall c_cpu=$cpu c_rss=$rss

# The output folder deleted and the cache kept, as a publisher builds
# afresh (rm -rf public): every file is written again, and the cache's
# record is read first. The folder is moved away rather than deleted,
# since a deletion would slow the builds after it on this disk (see the
# README).
warm "$work/p15k/content"
mv "$o_out" "$o_out.moved"
timed afresh15k "$portal" build -root "$work/p15k" -out "$o_out"
a_wall=$wall a_cpu=$cpu a_rss=$rss

# The live preview's update after one file changes (a Go benchmark over
# the same corpus, made in the temporary folder).
serve_ms() { awk -v n="$1" '$1 ~ n { printf "%.0f", $3 / 1e6 }' "$work/serve.bench"; }
go test -run '^$' -bench 'ServeUpdate15k' -benchtime 10x ./generator/internal/build/ >"$work/serve.bench" 2>&1 || { cat "$work/serve.bench" >&2; exit 1; }
s_total=$(serve_ms 'ServeUpdate15k/total') s_body=$(serve_ms 'ServeUpdate15k/body')
say "serve update: ${s_total} ms (a total corrected), ${s_body} ms (a body edited)"

if [ "$quick" = 0 ]; then
	ours build100k "$work/p100k"
	b_wall=$wall b_cpu=$cpu b_rss=$rss
fi

ratio() { awk "BEGIN{ if ($2 > 0) printf \"%.1f\", $1 / $2; else print \"-\" }"; }
check() { # check VALUE OP LIMIT
	awk "BEGIN{ exit !($1 $2 $3) }" && echo "yes" || echo "NO"
}

{
	echo
	# The processor, since the time ratio moved more between machines of
	# this kind (5.0x on one, 6.0x on another) than with the code.
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
	echo "portal benchmark: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs (${cpu:-unknown processor}), $(go version | cut -d' ' -f3), fastest of $runs run(s)"
	echo "load average before the timings: $load0; after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows every wall time)"
	disk1=$(df --output=pcent "$work" 2>/dev/null | tail -n 1 | tr -d ' %') || disk1=""
	echo "the work folder's disk: ${disk0:-?}% full before the timings, ${disk1:-?}% after (a fuller disk slowed our builds; see the README)"
	echo
	row() { printf '| %-44s | %8s | %8s | %11s | %-7s | %-9s | %-3s |\n' "$@"; }
	row "measure" "wall s" "CPU s" "peak RSS MB" "value" "target" "met"
	printf '|%s|%s|%s|%s|%s|%s|%s|\n' "----------------------------------------------" "---------:" "---------:" "------------:" "---------" "-----------" "-----"
	row "ours: build 15,000 reports ($files files)" "$o_wall" "$o_cpu" "$o_rss" "" "" ""
	row "ours: rebuild 15,000, nothing changed" "$r_wall" "$r_cpu" "$r_rss" "" "" ""
	row "ours: rebuild 15,000, one file touched" "$t_wall" "$t_cpu" "$t_rss" "" "" ""
	row "ours: rebuild 15,000, one figure corrected" "$c_wall" "$c_cpu" "$c_rss" "" "" ""
	row "ours: rebuild 15,000, output deleted first" "$a_wall" "$a_cpu" "$a_rss" "" "" ""
	row "floor: write the same $f_files files" "$f_wall" "" "-" "" "" ""
	if [ "$quick" = 0 ]; then
		row "floor: write Hugo's $h_files files" "$hf_wall" "" "-" "" "" ""
	fi
	row "serve: update after one total corrected (ms)" "$s_total" "" "" "" "< 300" "$(check "$s_total" '<' 300)"
	row "serve: update after one body edited (ms)" "$s_body" "" "" "" "< 300" "$(check "$s_body" '<' 300)"
	if [ "$quick" = 0 ]; then
		row "Hugo v0.165: build 15,000 reports" "$h_wall" "$h_cpu" "$h_rss" "" "" ""
		row "ours: build 100,000 reports (7 departments)" "$b_wall" "$b_cpu" "$b_rss" "" "" ""
		t=$(ratio "$h_wall" "$o_wall")
		row "Hugo / ours, time (15k)" "" "" "" "${t}x" ">= 6x" "$(check "$t" '>=' 6)"
		m=$(ratio "$h_rss" "$o_rss")
		row "Hugo / ours, peak memory (15k)" "" "" "" "${m}x" ">= 8x" "$(check "$m" '>=' 8)"
		rb=$(ratio "$h_wall" "$r_wall")
		row "Hugo build / our no-change rebuild (15k)" "" "" "" "${rb}x" ">= 30x" "$(check "$rb" '>=' 30)"
	fi
	fl=$(ratio "$o_wall" "$f_wall")
	row "ours / floor, time (15k)" "" "" "" "${fl}x" "<= 1.5x" "$(check "$fl" '<=' 1.5)"
	if [ "$quick" = 0 ]; then
		hf=$(ratio "$o_wall" "$hf_wall")
		row "ours / floor of Hugo's files (the anchor's)" "" "" "" "${hf}x" "(<= 1.5x)" "$(check "$hf" '<=' 1.5)"
	fi
	if [ "$quick" = 0 ]; then
		row "ours: peak memory at 100k" "" "" "$b_rss" "" "< 1024 MB" "$(check "$b_rss" '<' 1024)"
	fi
	kb=$(awk "BEGIN{printf \"%.1f\", $w_report / 1024}")
	row "page: largest report page's HTML (15k)" "" "" "" "$kb KB" "< 40 KB" "$(check "$w_report" '<' 40960)"
	row "page: home page's table rows (15k)" "" "" "" "$w_rows" "< 15,000" "$(check "$w_rows" '<' 15000)"
	row "page: county page first view, gzip, at most" "" "" "" "$w_county KB" "< 350 KB" "$(check "$w_county" '<' 350)"
	echo
	if [ "$quick" = 0 ]; then
		echo "each round, timed side by side (our build, the floor, Hugo's build, then the floor of Hugo's files):$rounds"
	else
		echo "each round, timed side by side (our build, then the floor):$rounds"
	fi
	[ "$quick" = 1 ] && echo && echo "(--quick: Hugo and 100,000 reports skipped)"
	echo
}
