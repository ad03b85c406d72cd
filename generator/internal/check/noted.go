package check

import (
	"strings"
	"unicode/utf8"

	"github.com/countyperf/portal/generator/internal/report"
)

// notedKeys returns the amounts of r that a note of its discrepancies
// quotes, as dotted names in the order of the figures: those whose value
// the note writes with a unit of money (1354.42万元, or 13544200元), the
// figures the note disputes. Amounts within rounding of zero (0.01万元 or
// less) are not matched, since a note's gap of rounding would match them;
// nor are scores and staff numbers, which notes quote as parts of a score
// table or of a formula (100分, 15人) more often than as the figure.
func notedKeys(r *report.Report, text string) []string {
	var quoted [numAmounts]bool
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		start := i
		for i < len(text) && isDigit(text[i]) {
			i++
		}
		end := i
		if i+1 < len(text) && text[i] == '.' && isDigit(text[i+1]) {
			i++
			for i < len(text) && isDigit(text[i]) {
				i++
			}
			end = i
		}
		if start > 0 && text[start-1] == '.' {
			continue // the digits after a second point, as in 1.2.3
		}
		j := end
		for j < len(text) {
			c, size := utf8.DecodeRuneInString(text[j:])
			if c != ' ' && c != '\u3000' && c != '\u00a0' {
				break
			}
			j += size
		}
		fen, ok := noteAmount(text[start:end], text[j:])
		if !ok || fen <= notedMin {
			continue
		}
		var found []figID
		for id := range numAmounts {
			if m := moneyField(r, id); m.Known() && (m.V == fen || m.V == -fen) {
				found = append(found, id)
			}
		}
		if len(found) > 1 {
			// Figures of one value (支出合计 and 收入合计 both 947.59):
			// those named in the words before the number, if any is.
			clause := text[:start]
			if k := strings.LastIndexAny(clause, "，。；：、,;:（）()"); k >= 0 {
				clause = clause[k:]
			}
			named := found[:0:0]
			for _, id := range found {
				if strings.Contains(clause, notedWords[id]) {
					named = append(named, id)
				}
			}
			if len(named) > 0 {
				found = named
			}
		}
		for _, id := range found {
			quoted[id] = true
		}
	}
	// In the order of the figures, whatever the order of the note.
	var keys []string
	for id, q := range quoted {
		if q {
			keys = append(keys, figKeys[id])
		}
	}
	return keys
}

// notedWords holds, by figID, the word a note names each amount by,
// which tells apart amounts of the same value: shorter than its name
// (figNames), as notes word it (支出 for 支出合计, 出国 for 因公出国（境）费).
var notedWords = [numAmounts]string{
	spendingTotal:     "支出",
	spendingBasic:     "基本支出",
	spendingProject:   "项目支出",
	spendingPersonnel: "人员经费",
	spendingPublic:    "公用经费",
	incomeFig:         "收入",
	sangongTotal:      "三公",
	sangongAbroad:     "出国",
	sangongReception:  "接待",
	sangongVehicles:   "用车",
	sangongChange:     "上年",
}

// notedMin is the largest amount notedKeys does not match: 0.01万元 in
// fen.
const notedMin = report.FenPerWan / 100

// noteAmount returns num, a decimal number of a note, in fen, when the
// text after it begins with a unit of money (万元, 千元 or 元), and
// whether it does and num is a whole number of fen that an Amount holds.
func noteAmount(num, after string) (report.Amount, bool) {
	var perUnit int64
	switch {
	case strings.HasPrefix(after, "万元"):
		perUnit = report.FenPerWan
	case strings.HasPrefix(after, "千元"):
		perUnit = report.FenPerWan / 10
	case strings.HasPrefix(after, "元"):
		perUnit = 100
	default:
		return 0, false
	}
	whole, frac := num, ""
	for k := 0; k < len(num); k++ {
		if num[k] == '.' {
			whole, frac = num[:k], num[k+1:]
			break
		}
	}
	for len(whole) > 1 && whole[0] == '0' {
		whole = whole[1:]
	}
	if len(whole) > 12 || len(frac) > 8 {
		return 0, false
	}
	var w, f, scale int64 = 0, 0, 1
	for k := 0; k < len(whole); k++ {
		w = w*10 + int64(whole[k]-'0')
	}
	for k := 0; k < len(frac); k++ {
		f = f*10 + int64(frac[k]-'0')
		scale *= 10
	}
	if f*perUnit%scale != 0 {
		return 0, false // finer than a fen
	}
	return report.Amount(w*perUnit + f*perUnit/scale), true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
