// Package invocation says how the person at the keyboard runs the
// generator, for the messages that tell them which command to run next:
// "go run ./generator" in the repository, or the binary they were given
// (./portal, portal.exe).
package invocation

import "strings"

// Command is how messages write the generator's command, before its
// subcommand: "go run ./generator import 报告.doc". main sets it once, at
// start, with Set; it is not changed after.
var Command = "go run ./generator"

// Set sets Command from arg0, the program's os.Args[0]. Under go run,
// whose binary is built in a temporary go-build folder or (since Go 1.24)
// kept in the build cache, Command stays "go run ./generator"; otherwise it is arg0 as typed (./portal, or
// portal when found on the PATH), in double quotes when it holds a space
// (C:\Program Files\portal.exe).
func Set(arg0 string) {
	// Either separator, whichever system wrote the path.
	slashed := strings.ReplaceAll(arg0, `\`, "/")
	dir := slashed[:max(strings.LastIndex(slashed, "/"), 0)]
	if arg0 == "" || strings.Contains(dir, "/go-build") && strings.HasSuffix(dir, "/exe") || inBuildCache(dir) {
		return
	}
	if strings.ContainsAny(arg0, " \t") {
		arg0 = `"` + arg0 + `"`
	}
	Command = arg0
}

// inBuildCache reports whether dir is where go run keeps the executable
// it built in the build cache (GOCACHE, wherever it is): a folder named
// by the hex SHA-256 of the build and "-d", inside the folder named by
// the hash's first two digits (…/go-build/4d/4db0ab72…-d/generator).
func inBuildCache(dir string) bool {
	i := strings.LastIndex(dir, "/")
	if i < 0 {
		return false
	}
	hash, ok := strings.CutSuffix(dir[i+1:], "-d")
	if !ok || len(hash) != 64 || strings.Trim(hash, "0123456789abcdef") != "" {
		return false
	}
	parent := dir[:i]
	return strings.HasSuffix(parent, "/"+hash[:2])
}
