package engine

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/conformance/pipeline"
)

// DefaultProgress is how often a long run says how far it got: CI systems kill a job that
// stays silent for 10 minutes, and a rate-limited run can take 15.
const DefaultProgress = 30 * time.Second

// progress counts finished scenarios and writes one line per interval while the run goes on.
// The line goes to CONFORMANCE_PROGRESS_FILE, else to the test binary's stderr: never stdout,
// whose lines test2json turns into the JSON event stream (go test -json folds the binary's
// stderr into that stream too, as output of the running test; scripts/conformance.sh points
// the file at its own stderr so the line reaches the console instead).
type progress struct {
	total        int
	done, failed atomic.Int64
	stats        func() pipeline.Stats
	start        time.Time
}

func newProgress(total int, stats func() pipeline.Stats) *progress {
	return &progress{total: total, stats: stats, start: time.Now()}
}

// finished counts one scenario; failed when it failed or could not be checked.
func (p *progress) finished(failed bool) {
	p.done.Add(1)
	if failed {
		p.failed.Add(1)
	}
}

// line is one progress line, e.g. "conformance progress: 120/868 scenarios done, 3 failed,
// 1m30s; requests 1234 (retries 2, 429s 0, no answer 0), pacing: none".
func (p *progress) line() string {
	return fmt.Sprintf("conformance progress: %d/%d scenarios done, %d failed, %s; %s",
		p.done.Load(), p.total, p.failed.Load(), time.Since(p.start).Round(time.Second), p.stats())
}

// report writes a line every interval until the returned stop is called; interval < 0: never.
// out nil means the process's stderr.
func (p *progress) report(interval time.Duration, out io.Writer) (stop func()) {
	if interval < 0 {
		return func() {}
	}
	if interval == 0 {
		interval = DefaultProgress
	}
	if out == nil {
		out = os.Stderr
	}
	quit, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
				fmt.Fprintln(out, p.line()) // a failed write must not fail the run
			}
		}
	}()
	return func() {
		close(quit)
		<-exited
	}
}

// openProgress opens the progress file (appending: it may be a terminal or a pipe such as
// /dev/fd/3); "" is the process's stderr.
func openProgress(path string) (io.Writer, func(), error) {
	if path == "" {
		return os.Stderr, func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf(envvar.ProgressFile+": cannot write %s: %w", path, err)
	}
	return f, func() { _ = f.Close() }, nil
}

// startProgress starts the run's progress line over total scenarios.
func (e *env) startProgress(total int) (*progress, func()) {
	p := newProgress(total, e.pipe.Stats)
	if e.target.Progress < 0 {
		return p, func() {}
	}
	out, closeOut, err := openProgress(e.target.ProgressFile)
	if err != nil {
		// The run matters more than its progress line: say so once, and use stderr.
		fmt.Fprintf(os.Stderr, "conformance progress: %v; the progress line goes to stderr\n", err)
		out, closeOut = os.Stderr, func() {}
	}
	stop := p.report(e.target.Progress, out)
	return p, func() { stop(); closeOut() }
}
