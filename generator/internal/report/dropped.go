package report

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// MaxDropped is the most parts of a body not published (see
// Report.Dropped) that are recorded: the first say what to do of them
// all.
const MaxDropped = 10

// Dropped kinds: what of a body the site does not publish.
const (
	// DroppedHTML is an HTML block (<table>, <div>, a tag alone on its
	// line), which the renderer omits, text and all.
	DroppedHTML = "html"
	// DroppedImage is an image that is not on the web (a file beside the
	// report, a data: address), which becomes its description.
	DroppedImage = "image"
)

// DroppedPart is a part of a report's body that its page does not show.
type DroppedPart struct {
	// Kind is DroppedHTML or DroppedImage.
	Kind string
	// Text is the tag (<table>) or the image's address, cut short.
	Text string
	Pos  Pos
}

// findDropped records in the report what of its body the site does not
// publish (Report.Dropped), as the renderer reads the body: outside fenced
// code, an HTML block that begins at the start of a line (not an HTML
// comment, which is a note to the writer, dropped as meant), and an image
// whose address is not http or https. It looks no further than a body
// that has a '<' or "![".
func (p *parse) findDropped() {
	body := p.r.Body
	if bytes.IndexByte(body, '<') < 0 && !bytes.Contains(body, []byte("![")) {
		return
	}
	var out []DroppedPart
	var fence []byte
	inHTML, prevBlank := false, true
	n := p.r.BodyLine - 1
	for rest := body; len(rest) > 0 && len(out) < MaxDropped; {
		line, after := cutBodyLine(rest)
		rest = after
		n++
		if inFence(&fence, line) {
			continue
		}
		if f := fenceOf(bytes.TrimLeft(line, " ")); f != nil && !inHTML {
			fence = f
			continue
		}
		isBlank := blank(line)
		if inHTML {
			inHTML = !isBlank
			prevBlank = isBlank
			continue
		}
		if tag, col, ok := htmlBlock(line, prevBlank); ok {
			out = append(out, DroppedPart{DroppedHTML, tag, Pos{n, col}})
			inHTML, prevBlank = true, false
			continue
		}
		prevBlank = isBlank
		for from := 0; len(out) < MaxDropped; {
			i := bytes.Index(line[from:], []byte("!["))
			if i < 0 {
				break
			}
			i += from
			dest, end, ok := imageDestination(line[i:])
			from = i + max(end, 2)
			if !ok || webImage(dest) {
				continue
			}
			out = append(out, DroppedPart{DroppedImage, shorten(dest, 60), Pos{n, utf8.RuneCount(line[:i]) + 1}})
		}
	}
	p.r.Dropped = out
}

// htmlBlock returns the tag that begins line when line begins an HTML
// block that the renderer omits (CommonMark's kinds 1 and 6, and kind 7,
// a whole tag alone on its line, which cannot interrupt a paragraph:
// after is whether the line before is blank), and its column; false for
// other lines, and for an HTML comment.
func htmlBlock(line []byte, after bool) (tag string, col int, ok bool) {
	indent := 0
	for indent < len(line) && indent < 3 && line[indent] == ' ' {
		indent++
	}
	s := line[indent:]
	if len(s) < 2 || s[0] != '<' {
		return "", 0, false
	}
	name := s[1:]
	closing := name[0] == '/'
	if closing {
		name = name[1:]
	}
	end := 0
	for end < len(name) && (isASCIILetter(name[end]) || end > 0 && (name[end] >= '0' && name[end] <= '9' || name[end] == '-')) {
		end++
	}
	if end == 0 {
		return "", 0, false // <!-- a comment -->, <?…>, < 5%, and the like
	}
	lower := strings.ToLower(string(name[:end]))
	next := byte(0)
	if end < len(name) {
		next = name[end]
	}
	whole := 1 + end
	if closing {
		whole++
	}
	tagText := string(s[:min(len(s), whole)]) + ">"
	switch {
	case !closing && rawTags[lower] && (next == 0 || next == ' ' || next == '\t' || next == '>'):
	case blockTags[lower] && (next == 0 || next == ' ' || next == '\t' || next == '>' || next == '/'):
	case after && (next == 0 || next == ' ' || next == '\t' || next == '>' || next == '/'):
		// Kind 7: a whole tag, then only spaces.
		gt := bytes.IndexByte(name[end:], '>')
		if gt < 0 || !blank(name[end+gt+1:]) {
			return "", 0, false
		}
	default:
		return "", 0, false
	}
	return tagText, indent + 1, true
}

// rawTags begin an HTML block of CommonMark's kind 1, which ends at its
// closing tag.
var rawTags = map[string]bool{"script": true, "pre": true, "style": true, "textarea": true}

// blockTags begin an HTML block of CommonMark's kind 6, which ends at a
// blank line.
var blockTags = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Fields(`address article aside base basefont blockquote body caption center col colgroup dd details dialog dir
		div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link
		main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul`) {
		m[t] = true
	}
	return m
}()

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// imageDestination reads s, which begins with "![", as an inline image,
// ![description](address "title"), and returns its address, where the
// image ends and true; false when s is no inline image.
func imageDestination(s []byte) (dest string, end int, ok bool) {
	depth := 0
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			depth--
			if depth > 0 {
				continue
			}
			if i+1 >= len(s) || s[i+1] != '(' {
				return "", i + 1, false
			}
			rest := bytes.TrimLeft(s[i+2:], " ")
			start := len(s) - len(rest)
			if bytes.HasPrefix(rest, []byte("<")) {
				j := bytes.IndexByte(rest, '>')
				if j < 0 {
					return "", start, false
				}
				return string(rest[1:j]), start + j + 1, true
			}
			j := bytes.IndexAny(rest, " )")
			if j < 0 {
				return "", start, false
			}
			return string(rest[:j]), start + j, true
		}
	}
	return "", len(s), false
}

// webImage reports whether an image's address is on the web (http or
// https), which its page shows as a link to it.
func webImage(dest string) bool {
	d := strings.ToLower(strings.TrimSpace(dest))
	return strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://")
}

// shorten returns s cut to at most n runes, an ellipsis marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
