package invocation

import "testing"

func TestSet(t *testing.T) {
	defer func(was string) { Command = was }(Command)
	for _, c := range []struct{ arg0, want string }{
		{"/tmp/go-build3381728123/b001/exe/generator", "go run ./generator"},
		{`C:\Users\a\AppData\Local\Temp\go-build12\b001\exe\generator.exe`, "go run ./generator"},
		{"/root/.cache/go-build/4d/4db0ab72c1f3e0d55a9b8e7f6a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c-d/generator", "go run ./generator"},
		{`C:\Users\a\AppData\Local\go-build\4d\4db0ab72c1f3e0d55a9b8e7f6a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c-d\generator.exe`, "go run ./generator"},
		{"/srv/4d/4db0ab72c1f3e0d55a9b8e7f6a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c-d/generator", "go run ./generator"},
		{"/root/.cache/go-build/4e/4db0ab72c1f3e0d55a9b8e7f6a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c-d/generator", "/root/.cache/go-build/4e/4db0ab72c1f3e0d55a9b8e7f6a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c-d/generator"},
		{"/opt/build-d/portal", "/opt/build-d/portal"},
		{"", "go run ./generator"},
		{"./portal", "./portal"},
		{"portal", "portal"},
		{"/opt/go-build-tools/portal", "/opt/go-build-tools/portal"},
		{`C:\Program Files\portal.exe`, `"C:\Program Files\portal.exe"`},
	} {
		Command = "go run ./generator"
		Set(c.arg0)
		if Command != c.want {
			t.Errorf("Set(%q): Command %q, want %q", c.arg0, Command, c.want)
		}
	}
}
