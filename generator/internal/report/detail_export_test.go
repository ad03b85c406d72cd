package report

// ParseDetailOnly is ParseDetail without its fall back to Parse: it
// returns nil where ParseDetail leaves the file to Parse.
func ParseDetailOnly(name string, data []byte, lean *Report) *Report {
	return parseDetail(name, data, lean)
}
