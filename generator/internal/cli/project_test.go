package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// TestNewProjectReports: new -project writes a 项目支出 report's file with
// its project, named after it, so that two projects of a county and year
// are two files.
func TestNewProjectReports(t *testing.T) {
	dir := t.TempDir()
	for project, file := range map[string]string{
		"农村公路养护专项资金": "tao-yuan-xian-2024-xiang-mu-nong-cun-gong-lu-yang-hu-zhuan-xiang-zi-jin.md",
		"政务服务大厅运维经费": "tao-yuan-xian-2024-xiang-mu-zheng-wu-fu-wu-da-ting-yun-wei-jing-fei.md",
	} {
		code, out, errOut := run("new", "-root", dir, "-project", project, "桃源县", "2024")
		path := filepath.Join(dir, "content", file)
		if code != 0 || !strings.Contains(out, path) {
			t.Fatalf("new -project %s: exit %d %q %q", project, code, out, errOut)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := report.Parse(path, data)
		if err != nil || r.Type != report.TypeProject || r.Project != project || !r.Draft {
			t.Errorf("new -project %s: %v, %+v", project, err, r)
		}
	}
}
