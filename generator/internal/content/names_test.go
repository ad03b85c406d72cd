package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestBadFileNames: report files whose names hold control characters
// (C0, DEL, C1) or are not UTF-8 are refused, by Load and LoadFile, with
// the name quoted; other names, Chinese ones too, are read.
func TestBadFileNames(t *testing.T) {
	fsys := fstest.MapFS{
		"a\nb\x1b[31mRED.md": {Data: []byte(good)},
		"c\u009b31m.md":      {Data: []byte(good)},
		"d\x7f.md":           {Data: []byte(good)},
		"e\xff.md":           {Data: []byte(good)},
		"甲县/报告.md":           {Data: []byte(good)},
	}
	_, err := load(t, fsys)
	if err == nil {
		t.Fatal("no error")
	}
	for _, w := range []string{
		`"content/a\nb\x1b[31mRED.md": the file name holds the control character U+000A; rename the file (文件名中有控制字符，请给文件改名)`,
		`"content/c\u009b31m.md": the file name holds the control character U+009B`,
		`"content/d\x7f.md": the file name holds the control character U+007F`,
		`"content/e\xff.md": the file name is not UTF-8; rename the file (文件名的编码有误，请给文件改名)`,
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q\nlacks %q", err, w)
		}
	}
	if strings.Contains(err.Error(), "甲县") || strings.ContainsAny(err.Error(), "\x1b\x7f\u009b") {
		t.Errorf("error %q", err)
	}
	if _, err := LoadFile(fsys, "a\nb\x1b[31mRED.md", "content/a\nb\x1b[31mRED.md"); err == nil || !strings.Contains(err.Error(), `"content/a\nb`) {
		t.Errorf("LoadFile: %v", err)
	}
}
