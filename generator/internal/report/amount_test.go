package report

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// amountByFmt is how Amount.String was first written: the reference for
// Append.
func amountByFmt(a Amount) string {
	neg := a < 0
	if neg {
		a = -a
	}
	s := fmt.Sprintf("%d.%06d", a/FenPerWan, a%FenPerWan)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if neg {
		s = "-" + s
	}
	return s
}

// Append and String write what the fmt-based reference writes, for edge
// values and 200,000 random ones.
func TestAmountAppend(t *testing.T) {
	values := []Amount{0, 1, -1, 10, 100000, 999999, 1000000, 1000001, -1000001, 1234500000, 15305300,
		math.MaxInt64, math.MinInt64, math.MinInt64 + 1, -999999}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200000 {
		v := Amount(rng.Int64() >> rng.IntN(63))
		if rng.IntN(2) == 0 {
			v = -v
		}
		values = append(values, v)
	}
	for _, v := range values {
		want := amountByFmt(v)
		if got := string(v.Append([]byte("x"))); got != "x"+want {
			t.Fatalf("Append(%d) = %q, want %q", int64(v), got, "x"+want)
		}
		if got := v.String(); got != want {
			t.Fatalf("String(%d) = %q, want %q", int64(v), got, want)
		}
	}
}
