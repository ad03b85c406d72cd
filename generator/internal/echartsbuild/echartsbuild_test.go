package echartsbuild

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestVendoredBundleIsReproducible rebuilds the bundle from the npm package
// named by PORTAL_ECHARTS_NODE_MODULES and compares it with the one in
// assets/; without that variable there is no package to build from.
func TestVendoredBundleIsReproducible(t *testing.T) {
	dir := os.Getenv("PORTAL_ECHARTS_NODE_MODULES")
	if dir == "" {
		t.Skip("set PORTAL_ECHARTS_NODE_MODULES to a node_modules folder holding echarts@6.1.0")
	}
	got, err := Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "..", "assets", "vendor", "echarts", "echarts.custom.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the vendored bundle (%d bytes) differs from a rebuild (%d bytes); run go run ./generator echarts", len(want), len(got))
	}
}

func TestMissingPackageIsAClearError(t *testing.T) {
	_, err := Build(t.TempDir())
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("npm install echarts@6.1.0")) {
		t.Errorf("error %v", err)
	}
}
