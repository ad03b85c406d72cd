package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// ErrNoPDFTool is returned, wrapped with the file's name, when a PDF is read
// and pdftotext is not installed.
var ErrNoPDFTool = errors.New("reading a PDF needs pdftotext from poppler-utils, which is not installed (Debian/Ubuntu: apt-get install poppler-utils); or save the report as .docx or text")

// pdfText runs pdftotext over a PDF and returns its text.
func pdfText(ctx context.Context, name string, data []byte) (string, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, ErrNoPDFTool)
	}
	tmp, err := os.CreateTemp("", "import-*.pdf")
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-enc", "UTF-8", "-eol", "unix", "-nopgbrk", tmp.Name(), "-")
	cmd.Stdout = &limitedBuffer{buf: &out, max: MaxInput}
	cmd.Stderr = &limitedBuffer{buf: &errOut, max: 4096}
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("%s: %w", name, ctx.Err())
		}
		msg := strings.TrimSpace(errOut.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("%s: pdftotext failed: %s", name, msg)
	}
	text := out.String()
	if strings.TrimSpace(text) == "" {
		return "", fmt.Errorf("%s: the PDF has no text layer (a scan?); it needs OCR first", name)
	}
	return text, nil
}

// limitedBuffer keeps at most max bytes and drops the rest.
type limitedBuffer struct {
	buf *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - l.buf.Len(); room > 0 {
		l.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
