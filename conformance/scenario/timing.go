package scenario

import (
	"strings"
	"time"
)

// ParseTime reads an RFC 3339 timestamp; the zero time when it is not one.
func ParseTime(v string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}
	}
	return t
}

// WaitForNextTick sleeps, on the suite's own clock, for one unit of the precision of a
// server timestamp (a second without a fraction, a millisecond with three digits, …), so that
// "updated_at advances" cannot fail only because the PUT came within the same tick.
func WaitForNextTick(stamp string) {
	unit := time.Second
	if dot := strings.IndexByte(stamp, '.'); dot >= 0 {
		digits := 0
		for _, c := range stamp[dot+1:] {
			if c < '0' || c > '9' {
				break
			}
			digits++
		}
		for range min(digits, 9) {
			unit /= 10
		}
	}
	time.Sleep(max(unit, time.Millisecond) + 5*time.Millisecond)
}
