//go:build !unix

package publish

import (
	"errors"
	"time"
)

// cpuTime returns 0: processor time is measured on Unix only.
func cpuTime() time.Duration { return 0 }

// settle does nothing outside Unix.
func settle() {}

// mkfifo fails: named pipes are made on Unix only.
func mkfifo(string) error { return errors.ErrUnsupported }
