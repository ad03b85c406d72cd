package invocation

import "testing"

func TestSet(t *testing.T) {
	defer func(was string) { Command = was }(Command)
	for _, c := range []struct{ arg0, want string }{
		{"/tmp/go-build3381728123/b001/exe/generator", "go run ./generator"},
		{`C:\Users\a\AppData\Local\Temp\go-build12\b001\exe\generator.exe`, "go run ./generator"},
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
