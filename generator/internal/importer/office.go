package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
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
// FormatDOC or FormatRTF) to .docx with LibreOffice's soffice, in
// a folder of its own that it removes, and returns the .docx's bytes.
func officeDocx(ctx context.Context, name string, kind Format, data []byte) ([]byte, error) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, ErrNoOffice)
	}
	dir, err := os.MkdirTemp("", "import-office-*")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer os.RemoveAll(dir)
	// The import filter is named: left to itself, soffice reads what no
	// filter of the kind can as plain text, and the draft would hold the
	// document's bytes.
	in, filter := filepath.Join(dir, "report.doc"), "MS Word 97"
	if kind != FormatDOC {
		in, filter = filepath.Join(dir, "report.rtf"), "Rich Text Format"
	}
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// A document that LibreOffice takes longer than this to read is not
	// waited for: it starts in 1-2 s and reads a report in less.
	run, cancel := context.WithTimeout(ctx, officeTimeout)
	defer cancel()
	var out bytes.Buffer
	// A profile of its own, so that it runs beside an open LibreOffice
	// and leaves nothing in the user's.
	cmd := exec.CommandContext(run, bin, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--infilter="+filter, "--convert-to", "docx:MS Word 2007 XML", "--outdir", filepath.Join(dir, "out"), in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	cmd.Stdout = &limitedBuffer{buf: &out, max: 4096}
	cmd.Stderr = cmd.Stdout
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%s: %w", name, ctx.Err())
	}
	if run.Err() != nil {
		return nil, fmt.Errorf("%s: LibreOffice did not finish reading the document in %v; open it in Word or WPS and save it as .docx "+
			"(LibreOffice 读取该文档超时：请用 Word 或 WPS 打开并另存为 .docx 再导入)", name, officeTimeout)
	}
	docx, err := os.ReadFile(filepath.Join(dir, "out", "report.docx"))
	if err != nil || runErr != nil {
		var said []string
		for _, line := range strings.Split(out.String(), "\n") {
			// Debian's soffice warns of Java at every start.
			if line = strings.TrimSpace(line); line != "" && !strings.Contains(line, "javaldx") {
				said = append(said, line)
			}
		}
		msg := strings.Join(said, "; ")
		if runErr != nil {
			msg = strings.TrimSpace(runErr.Error() + ": " + msg)
		}
		return nil, fmt.Errorf("%s: LibreOffice could not read the document (%s); open it in Word or WPS and save it as .docx "+
			"(LibreOffice 无法读取该文档：请用 Word 或 WPS 打开并另存为 .docx 再导入)", name, msg)
	}
	return docx, nil
}
