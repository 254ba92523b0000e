package scenario

import "context"

// TB is the part of *testing.T a scenario uses. *testing.T implements it for `go test`;
// the engine's recorder implements it for Collect, which runs scenarios without failing its caller
// (used to prove that the suite catches each fault switch).
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
	Logf(format string, args ...any)
	Cleanup(func())
	Failed() bool
	Skipped() bool
	Attr(key, value string)
	Context() context.Context
}
