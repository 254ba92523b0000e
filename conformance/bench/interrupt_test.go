//go:build unix

package bench

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInterruptCleansUp sends SIGINT to a run in progress against a slow reference server:
// the run must stop starting scenarios, let the running ones finish, delete everything it
// created, and exit within a bound.
func TestInterruptCleansUp(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the suite in a subprocess")
	}
	ref := referenceHandler(t)
	srv := httptest.NewServer(slowHandler(ref))
	t.Cleanup(srv.Close)

	env := []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CONFORMANCE_") {
			env = append(env, kv)
		}
	}
	for k, v := range referenceTokens() {
		env = append(env, k+"="+v)
	}
	env = append(env, "CONFORMANCE_BASE_URL="+srv.URL+"/cis", "CONFORMANCE_SURFACES=clients,applications",
		"CONFORMANCE_APP_ID=app-main", "CONFORMANCE_OTHER_APP_ID=app-other", "CONFORMANCE_CONCURRENCY=4")

	var out strings.Builder
	cmd := exec.Command(tools.conformance, "-test.run", "^TestConformance$", "-test.v")
	cmd.Env, cmd.Stdout, cmd.Stderr = env, &out, &out
	require.NoError(t, cmd.Start())
	time.Sleep(2 * time.Second) // well into the run: scenarios are creating clients and apps
	start := time.Now()
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	const bound = 20 * time.Second
	select {
	case <-done:
	case <-time.After(bound):
		_ = cmd.Process.Kill()
		t.Fatalf("the run did not end within %s of SIGINT:\n%s", bound, clip(out.String()))
	}
	stopped := time.Since(start)
	t.Logf("ended %.1fs after SIGINT", stopped.Seconds())

	log := out.String()
	assert.Contains(t, log, "not started: the run was interrupted", "scenarios after the signal are reported as not started")
	assert.Regexp(t, `cleanup: [0-9]+ resources created, 0 left over`, log, "the run reports its cleanup: everything created was deleted")
	assert.NotContains(t, log, "ATTR  TestConformance leftover", "no resource named as left over")
	assert.NotContains(t, log, "panic:")

	// Ask the server itself: nothing with a run prefix is left.
	for _, c := range []struct{ path, token, key string }{
		{"/cis/v1/clients", "CONFORMANCE_TOKEN", "name"},
		{"/cis/v1/applications", "CONFORMANCE_ADMIN_TOKEN", "app_name"},
		{"/cis/v1/applications/signing-keys", "CONFORMANCE_TOKEN", "name"},
	} {
		assert.Empty(t, prefixed(t, ref, c.path, referenceTokens()[c.token], c.key), "left in %s after the interrupted run", c.path)
	}
}

// prefixed lists the names in a list response that carry a run prefix.
func prefixed(t *testing.T, h http.Handler, path, token, key string) []string {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusOK, rec.Code, path)
	var body any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
	if m, ok := body.(map[string]any); ok {
		body = m["result"]
	}
	var out []string
	list, _ := body.([]any)
	for _, item := range list {
		if name, _ := item.(map[string]any)[key].(string); strings.HasPrefix(name, "ccs-") {
			out = append(out, name)
		}
	}
	return out
}
