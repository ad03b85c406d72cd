package importer

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gosimple/slug"

	"github.com/countyperf/portal/generator/internal/content"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// DefaultOut is the folder Run writes drafts into without --out.
const DefaultOut = "content/imported"

// Run implements the import command: it reads each file named in args and
// writes a draft content file for it into the --out folder (default
// content/imported), refusing to overwrite an existing file unless --force
// is given, and prints what it wrote. With --json it writes no file and
// prints instead one JSON object per input, one per line (see
// Draft.JSON). Flags may come before or after the files. Run goes on
// after a file that fails and returns the errors joined, each naming its
// file.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("import", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print one JSON object per input (the keys of the truth files, and the draft's project, title, published and unit) instead of writing drafts")
	root := fl.String("root", ".", "project folder: drafts go into its "+DefaultOut+" folder unless --out says otherwise")
	out := fl.String("out", "", "folder to write the drafts into (default ROOT/"+DefaultOut+")")
	force := fl.Bool("force", false, "overwrite drafts that already exist")
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "usage: import [--json] [--root DIR] [--out DIR] [--force] FILE...\n\n"+
			"Reads published reports (text in UTF-8 or GBK, HTML, .docx, .doc, WPS or RTF with\n"+
			"LibreOffice, or PDF with pdftotext)\n"+
			"and writes a draft content file for each, with every figure it is sure of.\n\n")
		fl.PrintDefaults()
	}
	var files []string
	for rest := args; ; {
		if err := fl.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil
			}
			return err
		}
		rest = fl.Args()
		if len(rest) == 0 {
			break
		}
		files = append(files, rest[0])
		rest = rest[1:]
		if len(rest) == 0 {
			break
		}
	}
	if len(files) == 0 {
		fl.Usage()
		return errors.New("import: no input files (请在命令后面写出要导入的文件)")
	}
	if *out == "" {
		*out = filepath.Join(*root, DefaultOut)
	}
	var errs []error
	fail := func(err error) {
		fmt.Fprintf(stderr, "import: %v\n", err)
		errs = append(errs, err)
	}
	written := map[string]string{}
	held := heldReports{content: filepath.Join(*root, "content")}
	pre := convertAll(ctx, files)
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			fail(err)
			break
		}
		doc, err := readFile(ctx, file, pre)
		if err != nil {
			fail(err)
			continue
		}
		d := Extract(file, doc.Text)
		if *asJSON {
			j, err := d.JSON()
			if err != nil {
				fail(err)
				continue
			}
			if _, err := stdout.Write(append(j, '\n')); err != nil {
				return err
			}
			continue
		}
		path := filepath.Join(*out, d.FileName())
		if other, dup := written[path]; dup {
			fail(fmt.Errorf("%s: its draft would be %s, which %s already wrote; import it on its own, with another --out (它的草稿与 %[3]s 的同名，没有写入：请单独导入，并用 --out 指定另一个文件夹)", file, path, other))
			continue
		}
		md := d.Markdown()
		r, dup := held.duplicate(ctx, d, path, md)
		if err := writeDraft(path, md, *force); err != nil {
			fail(fmt.Errorf("%s: %w", file, err))
			continue
		}
		written[path] = file
		held.wrote(path, r)
		found, all := d.Found()
		notes := len(d.Notes())
		fmt.Fprintf(stdout, "%s: wrote %s (%d of %d figures, %d notes to review; %d项数字中读出%d项，%d条提示待核对)\n",
			file, path, found, all, notes, all, found, notes)
		if dup != nil {
			en, zh := dup.Identity()
			fmt.Fprintf(stderr, "import: %s: warning: the draft %s duplicates %s, which already holds the report of %s: once draft: true is removed from the draft, a build refuses the two (duplicate report); compare them, keep one and delete the other (草稿 %[2]s 与 %[3]s 是同一份报告（%[5]s）：删除草稿中的 draft: true 后，生成会因重复的报告而失败；请比较这两个文件，只保留一个，删除另一个)\n",
				file, path, dup.File, en, zh)
		}
		for _, k := range []string{"county", "department", "year", "type"} {
			if f := d.figure(k); !f.ok {
				fmt.Fprintf(stderr, "import: %s: %s was not read; the draft has a placeholder: find it in the report and replace the placeholder (没有自动读出%s，草稿中留有占位符：请对照原文查找后替换)\n", file, k, keyNames[k])
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return Reported{errors.Join(errs...)}
}

// Reported is the error Run returns when some files could not be
// imported: each has been written to stderr already, as it was met.
type Reported struct{ error }

// Unwrap returns the errors joined.
func (r Reported) Unwrap() error { return r.error }

func (d *Draft) figure(key string) figure {
	for _, f := range d.figures() {
		if f.key == key {
			return f
		}
	}
	return figure{}
}

// writeDraft writes data to path through a temporary file, refusing to
// replace an existing file unless force is set.
func writeDraft(path string, data []byte, force bool) error {
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return existsError(path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".import-*.md")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if !force {
		// Link fails if the file appeared meanwhile.
		if err := os.Link(tmp.Name(), path); err == nil {
			return nil
		} else if errors.Is(err, fs.ErrExist) {
			return existsError(path)
		}
	}
	return os.Rename(tmp.Name(), path)
}

// heldReports finds the reports under a project's content folder that
// the drafts Run writes duplicate, reading those of each county once.
type heldReports struct {
	// content is the project's content folder.
	content string
	// byCounty holds the reports of each county looked at: those under
	// content, and the drafts Run has written there since.
	byCounty map[string][]*report.Report
}

// duplicate returns the report of the draft d, whose file is md, to be
// written to path, and the report under h's content folder that it
// duplicates (see site.DuplicatedAt), or nil. A draft whose county,
// department, year or type was not read is not compared, and its report
// is nil: its placeholders are not its report's. The file at path, which
// --force replaces, is not a duplicate of the draft.
func (h *heldReports) duplicate(ctx context.Context, d *Draft, path string, md []byte) (r, dup *report.Report) {
	if !d.County.OK || !d.Department.OK || !d.Year.OK || !d.Type.OK {
		return nil, nil
	}
	r, err := report.Parse(path, md)
	if err != nil {
		return nil, nil
	}
	if h.byCounty == nil {
		h.byCounty = map[string][]*report.Report{}
	}
	others, ok := h.byCounty[r.County]
	if !ok {
		if info, err := os.Stat(h.content); err == nil && info.IsDir() {
			others = content.OfCounty(ctx, content.DirFS(h.content), h.content+string(filepath.Separator), r.County)
		}
		h.byCounty[r.County] = others
	}
	return r, site.DuplicatedAt(r, path, others)
}

// wrote tells h that the report r (nil when not compared) was written to
// path: it replaces there whatever h held, and is held itself when path
// is under the content folder, where a build reads it.
func (h *heldReports) wrote(path string, r *report.Report) {
	if r == nil {
		return
	}
	self := content.Absolute(path)
	held := slices.DeleteFunc(h.byCounty[r.County], func(o *report.Report) bool { return content.Absolute(o.File) == self })
	if rel, ok := content.Within(h.content, path); ok && !content.Hidden(filepath.ToSlash(rel)) {
		held = append(held, r)
	}
	h.byCounty[r.County] = held
}

// existsError is the error of a draft not written over the file at path.
func existsError(path string) error {
	return fmt.Errorf("%s already exists (use --force to overwrite it) (文件已存在，没有覆盖：确要覆盖时请加 --force)", path)
}

var fileNameRE = regexp.MustCompile(`[^a-z0-9]+`)

// FileName returns the name of the draft's content file: the slug of its
// county and department and its year, such as
// tao-yuan-xian-xing-zheng-shen-pi-fu-wu-ju-2020.md (with -xiang-mu for a
// project report, and the slug of its project when its title names one,
// so that two project reports of a department and year do not share a
// name), or the input's own name when those are not known.
func (d *Draft) FileName() string {
	var name string
	if d.County.OK && d.Department.OK && d.Year.OK {
		// The site's slugs (宁川县 is ning-chuan-xian, not the library's
		// zhu-chuan-xian), so that a draft is named as its page is.
		name = site.Slugify(d.County.V) + "-" + site.Slugify(d.Department.V) + "-" + strconv.Itoa(d.Year.V)
		if d.Type.OK && d.Type.V == TypeProject {
			name += "-xiang-mu"
			if p := d.Project(); p != "" {
				name += "-" + site.Slugify(p)
			}
		}
	} else {
		base := filepath.Base(d.Name)
		base = strings.TrimSuffix(base, filepath.Ext(base))
		name = slug.Make(base)
	}
	name = strings.Trim(fileNameRE.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if name == "" {
		name = "report"
	}
	return name + ".md"
}
