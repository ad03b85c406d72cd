package cli

import (
	"regexp"
	"strings"

	"github.com/countyperf/portal/generator/internal/invocation"
)

// flagErrors match the errors of Go's flag package, which are in English
// only, and say each in Chinese (see withChinese), with CMD for
// invocation.Command, as in the help.
var flagErrors = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^flag provided but not defined: (-+\S*)$`), "没有 $1 这个选项，可用的选项见上"},
	{regexp.MustCompile(`^flag needs an argument: (-+\S*)$`), "$1 后面要写上它的值"},
	{regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?(-+\S*): .*$`), "选项 $2 的值“$1”不对，见上面的说明"},
	{regexp.MustCompile(`^(\w+): unexpected argument "(.*)"$`), "$1 命令不需要“$2”这样的参数：选项以 - 开头，见 CMD $1 -h"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "选项“$1”的写法不对"},
}

// withChinese returns msg, an error's message, followed by what it says in
// Chinese in brackets when it is one of the flag package's errors (or the
// CLI's unexpected argument), as every message to those who fill in
// reports is given in both; msg alone otherwise.
func withChinese(msg string) string {
	if strings.ContainsRune(msg, '\n') {
		return msg
	}
	for _, f := range flagErrors {
		if f.re.MatchString(msg) {
			// The command to run, as it was run, put in the template,
			// not in what the person typed ($ escaped for the regexp).
			zh := strings.ReplaceAll(f.zh, "CMD", strings.ReplaceAll(invocation.Command, "$", "$$"))
			return msg + " (" + f.re.ReplaceAllString(msg, zh) + ")"
		}
	}
	return msg
}
