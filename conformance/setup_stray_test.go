package conformance_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/reftarget"
	"github.com/clientconf/clientconf/reference"
)

// strayCreator is the reference server, except that it creates a client from the setup
// checks' create probe (a body of "[]", which no server should create from); it records the
// ids it made that way and the DELETEs it got for them.
type strayCreator struct {
	ref        http.Handler
	refuseDel  bool // answer 500 to those DELETEs
	mu         sync.Mutex
	made, gone []string
}

func (s *strayCreator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/v1/clients") {
		head := make([]byte, 2)
		n, _ := r.Body.Read(head)
		if string(head[:n]) == "[]" {
			body := `{"name":"stray","redirect_uris":["https://stray.example/cb"]}`
			r.Body, r.ContentLength = io.NopCloser(strings.NewReader(body)), int64(len(body))
			rec := httptest.NewRecorder()
			s.ref.ServeHTTP(rec, r)
			var made struct {
				ClientID string `json:"client_id"`
			}
			_ = json.Unmarshal(rec.Body.Bytes(), &made)
			s.mu.Lock()
			s.made = append(s.made, made.ClientID)
			s.mu.Unlock()
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
			return
		}
		r.Body = readAgain(head[:n], r)
	}
	if r.Method == http.MethodDelete {
		s.mu.Lock()
		for _, id := range s.made {
			if id != "" && strings.HasSuffix(r.URL.Path, "/"+id) {
				s.gone = append(s.gone, id)
				if s.refuseDel {
					s.mu.Unlock()
					w.WriteHeader(http.StatusInternalServerError)
					return
				}
			}
		}
		s.mu.Unlock()
	}
	s.ref.ServeHTTP(w, r)
}

// TestSetupProbeThatCreatesIsDeleted: a target that creates from the setup checks' invalid
// create body is not left holding it: the run deletes it, or names it as left over.
func TestSetupProbeThatCreatesIsDeleted(t *testing.T) {
	for _, refuse := range []bool{false, true} {
		t.Run(map[bool]string{false: "deleted", true: "delete refused"}[refuse], func(t *testing.T) {
			ref, err := reference.New(reference.Options{})
			require.NoError(t, err)
			stray := &strayCreator{ref: ref, refuseDel: refuse}
			srv := httptest.NewServer(stray)
			t.Cleanup(srv.Close)
			target, err := reftarget.DescribeWith(srv.URL, reftarget.Options{Surfaces: []string{"clients"}})
			require.NoError(t, err)
			// A setup mistake after the create probe: the run stops, and still cleans up.
			target.Tokens[conformance.ReadOnly] = "refro-expired-0000"
			su, err := conformance.NewSuite("clients")
			require.NoError(t, err)
			_, err = su.Collect(t.Context(), target, nil)
			var se *conformance.SetupError
			require.True(t, errors.As(err, &se), "want a SetupError, got %v", err)
			require.Len(t, stray.made, 1, "the main role's create probe made one client")
			require.NotEmpty(t, stray.made[0])
			assert.Contains(t, stray.gone, stray.made[0], "the run deleted the client its probe made")
			if refuse {
				assert.Contains(t, err.Error(), "left over on the target")
				assert.Contains(t, err.Error(), stray.made[0])
			} else {
				assert.NotContains(t, err.Error(), "left over")
			}
		})
	}
}

// TestLeftoverReachesTheReport: under `go test`, what the run could not delete reaches the
// report's leftovers (an attribute on TestConformance, read from the event stream).
func TestLeftoverReachesTheReport(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the test binary in a child process")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("needs the go command for test2json")
	}
	ref, err := reference.New(reference.Options{})
	require.NoError(t, err)
	stray := &strayCreator{ref: ref, refuseDel: true}
	srv := httptest.NewServer(stray)
	t.Cleanup(srv.Close)
	run := runSelf(t, goTool, []string{"CONFORMANCE_BASE_URL=" + srv.URL + "/cis", "CONFORMANCE_SURFACES=clients",
		"CONFORMANCE_TOKEN=" + fixtureToken(t, conformance.Main)})
	require.Len(t, stray.made, 1)
	require.Len(t, run.Leftovers, 1, "notes: %v", run.Notes)
	assert.Contains(t, run.Leftovers[0], stray.made[0])
	assert.Contains(t, run.Leftovers[0], "status 500")
}
