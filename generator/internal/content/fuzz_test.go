package content

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/countyperf/portal/generator/internal/testseeds"
)

// FuzzLoad loads a content folder of a good report and one fuzzed file
// under a fuzzed name. Load must not panic or hang, must return reports
// or errors, and every error must begin with the name of its file (in
// quotes, when the name holds a control character).
func FuzzLoad(f *testing.F) {
	for _, s := range testseeds.Reports(f) {
		f.Add("hunan/"+s.Name[strings.LastIndex(s.Name, "/")+1:], s.Data)
	}
	for _, s := range testseeds.Texts(f) {
		f.Add(s.Name+".md", append([]byte(good), s.Data...))
	}
	for _, h := range testseeds.Hostile {
		f.Add(h+".md", []byte(strings.Replace(good, "甲县", h, 1)))
	}
	f.Add("b.md", []byte(""))
	f.Add(".hidden/b.md", []byte("x"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if !strings.HasSuffix(name, ".md") {
			name += ".md"
		}
		if !fs.ValidPath(name) || name == "a.md" || strings.Contains(name, "\x00") {
			name = "b.md"
		}
		fsys := fstest.MapFS{"a.md": {Data: []byte(good)}, name: {Data: data}}
		start := time.Now()
		stop := testseeds.Watchdog(10*time.Second, "Load")
		reports, err := Load(context.Background(), fsys, Options{Prefix: "content/", Drafts: len(data)%2 == 0})
		stop()
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("Load took %v", d)
		}
		for _, e := range flatten(err) {
			// Load turns a parser's panic into an error of the file
			// (parseSafely); fuzzing must still find it.
			if strings.Contains(e.Error(), parserFault) {
				t.Errorf("the parser panicked: %v", e)
			}
			// A name with a control character is quoted.
			if !strings.HasPrefix(e.Error(), "content/") && !strings.HasPrefix(e.Error(), `"content/`) {
				t.Errorf("error does not name the file: %q", e)
			}
		}
		for _, r := range reports {
			if r == nil {
				t.Fatal("nil report")
			}
			if r.File != "content/a.md" && r.File != "content/"+name {
				t.Errorf("report of file %q", r.File)
			}
			if !r.Draft && (r.County == "" || r.Department == "" || r.Year == 0 || r.Type == "") {
				t.Errorf("%s: a report without its required keys: %+v", r.File, r)
			}
		}
		if err == nil && len(reports) == 0 && !strings.HasPrefix(name, ".") && !strings.Contains(name, "/.") && !strings.Contains(name, "/_") && !strings.HasPrefix(name, "_") {
			t.Errorf("no report and no error")
		}
	})
}

// flatten returns the errors joined in err.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}
