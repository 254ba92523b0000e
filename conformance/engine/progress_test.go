package engine

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/pipeline"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// syncBuffer is a buffer the progress goroutine and the test can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestProgressLine(t *testing.T) {
	p := newProgress(868, func() pipeline.Stats {
		return pipeline.Stats{Requests: 1234, Retries: 2, TooMany: 1, Pacing: "≤10 req/s (CONFORMANCE_RPS)"}
	})
	p.finished(false)
	p.finished(true)
	p.finished(false)
	line := p.line()
	for _, want := range []string{"conformance progress: 3/868 scenarios done, 1 failed", "requests 1234 (retries 2, 429s 1",
		"pacing: ≤10 req/s (CONFORMANCE_RPS)"} {
		assert.Contains(t, line, want)
	}
	assert.NotContains(t, line, "\n")
}

func TestProgressReportsUntilStopped(t *testing.T) {
	p := newProgress(1, func() pipeline.Stats { return pipeline.Stats{Pacing: "none"} })
	var out syncBuffer
	stop := p.report(time.Millisecond, &out)
	require.Eventually(t, func() bool { return strings.Count(out.String(), "\n") >= 2 }, 10*time.Second, time.Millisecond)
	stop()
	n := out.String()
	time.Sleep(5 * time.Millisecond)
	assert.Equal(t, n, out.String(), "no line after stop")

	var none syncBuffer
	p.report(-1, &none)()
	assert.Empty(t, none.String(), "a negative interval writes nothing")
}

// TestCollectWritesProgressToItsFile: a run with CONFORMANCE_PROGRESS(_FILE) writes its lines
// to the file, with the run's own counts.
func TestCollectWritesProgressToItsFile(t *testing.T) {
	release := make(chan struct{})
	target, su := loopbackTarget(t, func(w http.ResponseWriter, _ *http.Request) {
		<-release // hold the scenario until a progress line was written
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"no such client","error_code":404}`)
	})
	target.Progress, target.ProgressFile = time.Millisecond, filepath.Join(t.TempDir(), "progress.log")
	go func() {
		defer close(release)
		for {
			if data, _ := os.ReadFile(target.ProgressFile); bytes.Contains(data, []byte("\n")) {
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	results, err := su.Collect(context.Background(), target, func(sc scenario.Scenario) bool { return sc.ID == "clients/not-found/get-unknown-id" })
	require.NoError(t, err)
	require.Len(t, results, 1)
	assert.Equal(t, Passed, results[0].Outcome, results[0].Messages)
	data, err := os.ReadFile(target.ProgressFile)
	require.NoError(t, err)
	assert.Contains(t, string(data), "conformance progress: 0/1 scenarios done, 0 failed")
	assert.Regexp(t, `requests [12] \(retries 0, 429s 0, no answer 0\), pacing: unpaced`, string(data),
		"the preflight's request (and the scenario's, in flight), counted by the pipeline")
}

func TestFilterByRunMirrorsGoTestRun(t *testing.T) {
	scs := []scenario.Scenario{{ID: "auth0/crud/a"}, {ID: "auth0/conflict/b"}, {ID: "clients/crud/c"}}
	for _, tc := range []struct {
		pattern string
		want    []string
	}{
		{"", []string{"auth0/crud/a", "auth0/conflict/b", "clients/crud/c"}},
		{"^TestConformance$", []string{"auth0/crud/a", "auth0/conflict/b", "clients/crud/c"}},
		{"^TestConformance$/auth0", []string{"auth0/crud/a", "auth0/conflict/b"}},
		{"^TestConformance$/^auth0$/^(crud|conflict)$", []string{"auth0/crud/a", "auth0/conflict/b"}},
		{"^TestConformance$/crud", nil},
		{"^TestConformance$//crud", []string{"auth0/crud/a", "clients/crud/c"}},
		{"^TestOther$", nil},
	} {
		var got []string
		for _, sc := range filterByRun(tc.pattern, "TestConformance", scs) {
			got = append(got, sc.ID)
		}
		assert.Equal(t, tc.want, got, tc.pattern)
	}
	assert.Equal(t, []string{"a", "(b/c)", "[/]"}, splitLevels("a/(b/c)/[/]"))
}
