package corpus

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"
)

// Main runs the corpus command with args (the flags, without the command
// name), writing its summary to stdout and errors to stderr, and returns
// the process exit code: 0 on success, 1 on failure, 2 on bad usage.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: corpus -out DIR [-reports N] [-seed S] [-years N] [-first-year Y] [-departments N] [-hugo]")
		fmt.Fprintln(stderr, "\nWrites a deterministic synthetic corpus of report files into DIR, which must not exist or be empty.")
		fs.PrintDefaults()
	}
	var opt Options
	out := fs.String("out", "", "folder to write the report files into (required)")
	fs.IntVar(&opt.Reports, "reports", 15000, "number of report files")
	fs.Int64Var(&opt.Seed, "seed", 1, "seed: the same flags give the same files")
	fs.IntVar(&opt.Years, "years", 5, "number of fiscal years")
	fs.IntVar(&opt.FirstYear, "first-year", 2019, "first fiscal year")
	fs.IntVar(&opt.Departments, "departments", 1, "departments reporting in each county")
	fs.BoolVar(&opt.ForHugo, "hugo", false, "add counties: [<county>] for the Hugo yardstick (the generator itself refuses such files)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	if opt.Reports <= 0 {
		fmt.Fprintf(stderr, "corpus: -reports %d: want at least 1\n", opt.Reports)
		return 2
	}
	start := time.Now()
	st, err := generate(*out, opt)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d reports of %d counties in %d prefectures of %d provinces to %s in %s\n",
		st.Reports, st.Counties, st.Prefectures, st.Provinces, *out, time.Since(start).Round(time.Millisecond))
	return 0
}
