package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/countyperf/portal/generator/internal/report"
)

// ErrNoOffice is returned, wrapped with the file's name, when a Word
// 97-2003, WPS or RTF document is read and LibreOffice is not installed.
var ErrNoOffice = errors.New("reading a Word 97-2003 (.doc), WPS or RTF document needs LibreOffice, which is not installed " +
	"(Debian/Ubuntu: apt-get install --no-install-recommends libreoffice-writer-nogui); or save it as .docx in Word or WPS " +
	"(读取 .doc、WPS 或 RTF 文档需要安装 LibreOffice；也可以用 Word 或 WPS 另存为 .docx 再导入)")

// officeTimeout bounds the time LibreOffice takes to turn one document
// into a .docx.
var officeTimeout = 2 * time.Minute

// officeDocx converts a Word 97-2003, WPS or RTF document (kind is
// FormatDOC or FormatRTF) to .docx with LibreOffice's soffice (see
// officeRun), and returns the .docx's bytes.
func officeDocx(ctx context.Context, name string, kind Format, data []byte) ([]byte, error) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, ErrNoOffice)
	}
	// A document that LibreOffice takes longer than this to read is not
	// waited for: it starts in 1-2 s and reads a report in less.
	docx, said, err := officeRun(ctx, bin, kind, [][]byte{data}, officeTimeout)
	switch {
	case ctx.Err() != nil:
		return nil, fmt.Errorf("%s: %w", name, ctx.Err())
	case errors.Is(err, context.DeadlineExceeded):
		return nil, fmt.Errorf("%s: LibreOffice did not finish reading the document in %v; open it in Word or WPS and save it as .docx "+
			"(LibreOffice 读取该文档超时：请用 Word 或 WPS 打开并另存为 .docx 再导入)", name, officeTimeout)
	case docx[0] == nil || err != nil:
		if err != nil {
			said = strings.TrimSpace(err.Error() + ": " + said)
		}
		return nil, fmt.Errorf("%s: LibreOffice could not read the document (%s); open it in Word or WPS and save it as .docx "+
			"(LibreOffice 无法读取该文档：请用 Word 或 WPS 打开并另存为 .docx 再导入)", name, said)
	}
	return docx[0], nil
}

// officeRun has soffice turn docs, documents of the kind given, into
// .docx files in one run of at most limit, in a folder of its own that it
// removes, under numbered names, with a profile of its own, so that it
// runs beside an open LibreOffice and leaves nothing in the user's. It
// returns each document's .docx (nil for one LibreOffice did not make),
// what soffice said, less the warning of Java that Debian's gives at
// every start, and the run's error: context.DeadlineExceeded when it ran
// out of time.
func officeRun(ctx context.Context, bin string, kind Format, docs [][]byte, limit time.Duration) (docx [][]byte, said string, err error) {
	docx = make([][]byte, len(docs))
	dir, err := os.MkdirTemp("", "import-office-*")
	if err != nil {
		return docx, "", err
	}
	defer os.RemoveAll(dir)
	// The import filter is named: left to itself, soffice reads what no
	// filter of the kind can as plain text, and the draft would hold the
	// document's bytes.
	ext, filter := ".doc", "MS Word 97"
	if kind != FormatDOC {
		ext, filter = ".rtf", "Rich Text Format"
	}
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--infilter=" + filter, "--convert-to", "docx:MS Word 2007 XML", "--outdir", filepath.Join(dir, "out")}
	for i, data := range docs {
		in := filepath.Join(dir, strconv.Itoa(i)+ext)
		if err := os.WriteFile(in, data, 0o600); err != nil {
			return docx, "", err
		}
		args = append(args, in)
	}
	run, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	var out bytes.Buffer
	cmd := exec.CommandContext(run, bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	cmd.Stdout = &limitedBuffer{buf: &out, max: 4096}
	cmd.Stderr = cmd.Stdout
	officeRuns.Add(1)
	if err = cmd.Run(); run.Err() != nil {
		err = run.Err()
	}
	for i := range docs {
		docx[i], _ = os.ReadFile(filepath.Join(dir, "out", strconv.Itoa(i)+".docx"))
	}
	var lines []string
	for _, line := range strings.Split(out.String(), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.Contains(line, "javaldx") {
			lines = append(lines, line)
		}
	}
	return docx, strings.Join(lines, "; "), err
}

// officeRuns counts the runs of soffice, for tests.
var officeRuns atomic.Int64

// officeBatch holds the .docx files that LibreOffice made in one run from
// many Word 97-2003 or RTF documents (see convertAll), by the path each
// document was read from.
type officeBatch struct {
	made map[string][]byte
}

// docx returns the .docx of the document name, of the kind given: the
// batch's, or, when the batch has none (b is nil, or LibreOffice did not
// read it among the others), one that LibreOffice makes now (see
// officeDocx), whose error says why it cannot.
func (b *officeBatch) docx(ctx context.Context, name string, kind Format, data []byte) ([]byte, error) {
	if b != nil {
		if docx, ok := b.made[name]; ok {
			return docx, nil
		}
	}
	return officeDocx(ctx, name, kind, data)
}

// convertAll has LibreOffice turn the Word 97-2003 and RTF documents
// among files into .docx files in one run for each kind, rather than a
// run for each document: soffice takes 1-2 s to start and a fraction of
// that to read a report, so a county's thirty .doc reports take seconds,
// not a minute. A kind of which files hold fewer than two documents is
// left to be converted alone, as is a document LibreOffice did not read
// among the others (see officeBatch.docx). It returns nil when it made
// nothing, or LibreOffice is not installed.
func convertAll(ctx context.Context, files []string) *officeBatch {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		return nil
	}
	byKind := map[Format][]string{}
	for _, file := range files {
		if kind := officeKind(file); kind != "" {
			byKind[kind] = append(byKind[kind], file)
		}
	}
	b := &officeBatch{made: map[string][]byte{}}
	for _, kind := range []Format{FormatDOC, FormatRTF} {
		if len(byKind[kind]) < 2 {
			continue
		}
		b.convert(ctx, bin, kind, byKind[kind])
	}
	if len(b.made) == 0 {
		return nil
	}
	return b
}

// officeKind returns FormatDOC or FormatRTF when the file at path begins
// as a document of that kind, and "" for any other file, or one that
// cannot be read or is larger than import takes.
func officeKind(path string) Format {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() || st.Size() > MaxInput {
		return ""
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	switch report.Document(head[:n]) {
	case report.DocOLE:
		return FormatDOC
	case report.DocRTF:
		return FormatRTF
	}
	return ""
}

// convert has LibreOffice turn the documents of one kind at paths into
// .docx files in one run (see officeRun), and keeps those it made. Ten
// seconds a document beyond what one document alone is given: a batch
// that takes longer is given up, and each document is tried alone, with
// its own limit.
func (b *officeBatch) convert(ctx context.Context, bin string, kind Format, paths []string) {
	var read []string
	var docs [][]byte
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			read, docs = append(read, p), append(docs, data)
		}
	}
	docx, _, err := officeRun(ctx, bin, kind, docs, officeTimeout+time.Duration(len(docs))*10*time.Second)
	if errors.Is(err, context.DeadlineExceeded) {
		return // a .docx written as it was stopped may be cut short
	}
	for i, p := range read {
		if docx[i] != nil {
			b.made[p] = docx[i]
		}
	}
}
