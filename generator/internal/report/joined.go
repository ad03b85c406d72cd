package report

import (
	"bytes"
	"slices"
)

// checkJoined refuses a body that holds another report's front matter: a
// line '---' followed by two lines, blank lines apart, that each begin
// with a top-level key and its colon (county: 祁东县, adcode: "430426"),
// as when two report files were joined into one, or a report pasted
// below another. The body would publish the other report's keys as text
// under this report, and the other report would be missing from the
// site, without a word. The error is at that '---' line, where what is
// to go into a file of its own begins.
func (p *parse) checkJoined() {
	body := p.r.Body
	for at := 0; at < len(body); {
		// The next "---" (most bodies have none; searched for as such,
		// since a search for "\n---" stops at every line), at the
		// start of a line.
		j := bytes.Index(body[at:], []byte("---"))
		if j < 0 {
			return
		}
		i := at + j
		line, rest, _ := bytes.Cut(body[i:], []byte("\n"))
		at = i + len(line)
		if i > 0 && body[i-1] != '\n' || !isDashes(line) || !keyLines(rest, 2) {
			continue
		}
		n := p.r.BodyLine + bytes.Count(body[:i], []byte("\n"))
		p.errAt(Pos{n, 1}, "body", "%s", msgJoined)
		return
	}
}

const msgJoined = "a second front matter begins here, another report's keys between '---' lines: a report file holds one report; " +
	"move this line and what follows into a file of its own, or delete them if they are a copy; as it is, they would be published as text of this report " +
	"(正文中从这一行起是另一份报告的前置信息（--- 之间的各项）：一个文件只能有一份报告，请把这一行及以下内容移到另一个文件中；如果是重复粘贴的，请删除；否则它们会作为本报告的正文发布)"

// BeginsAsReportFile reports whether data begins as a report file does,
// rather than as a published report: a line '---', then, past blank
// lines and comments (new writes some), a line that begins with a
// top-level key and its colon, as keyLines reads it. A byte-order mark
// and CRLF line ends are allowed. Import refuses such a file.
func BeginsAsReportFile(data []byte) bool {
	head := bytes.ReplaceAll(bytes.TrimPrefix(data[:min(len(data), 4096)], []byte("\ufeff")), []byte("\r\n"), []byte("\n"))
	rest, ok := bytes.CutPrefix(head, []byte("---\n"))
	for ok && len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if !blank(line) && line[0] != '#' {
			return keyLines(rest, 1)
		}
		rest = after
	}
	return false
}

// keyLines reports whether the first n lines of b that are not blank
// each begin with a top-level key of the format and its colon, followed
// by a space or the end of the line.
func keyLines(b []byte, n int) bool {
	for n > 0 {
		if len(b) == 0 {
			return false
		}
		line, rest, _ := bytes.Cut(b, []byte("\n"))
		b = rest
		if blank(line) {
			continue
		}
		key, value, ok := bytes.Cut(line, []byte(":"))
		if !ok || !slices.Contains(topKeys, string(key)) || len(value) > 0 && value[0] != ' ' && value[0] != '\t' {
			return false
		}
		n--
	}
	return true
}
