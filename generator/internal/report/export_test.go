package report

import "testing"

// ParseWithoutFastPath is Parse with fastFrontMatter turned off: the YAML
// parser reads all front matter.
func ParseWithoutFastPath(name string, data []byte) (*Report, error) {
	return parseFile(name, data, false)
}

// FastPathReads reports whether Parse reads the front matter of data with
// fastFrontMatter rather than with the YAML parser.
func FastPathReads(data []byte) bool {
	if cleanText(data) {
		block, _, _, err := split(data)
		if err == nil {
			m, free := fastFrontMatter(block)
			defer free()
			return m != nil
		}
	}
	return false
}

// BrokenInputs returns, by name, the file of every case of the tests of
// broken files in broken_test.go.
func BrokenInputs(t testing.TB) map[string][]byte {
	return brokenInputs(t)
}
