package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// The build sets a soft memory limit unless GOMEMLIMIT sets one.
func TestLimitMemory(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "2GiB")
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set, the limit became %d", got)
	}
	t.Setenv("GOMEMLIMIT", "")
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != MemoryLimit {
		t.Errorf("limit %d, want %d", got, MemoryLimit)
	}
}

// The build sets the collector's target unless GOGC sets one.
func TestGCPercent(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "200")
	debug.SetGCPercent(200)
	limitMemory()
	if got := debug.SetGCPercent(200); got != 200 {
		t.Errorf("with GOGC set, the target became %d", got)
	}
	t.Setenv("GOGC", "")
	limitMemory()
	if got := debug.SetGCPercent(100); got != GCPercent {
		t.Errorf("target %d, want %d", got, GCPercent)
	}
}
