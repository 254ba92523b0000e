package auth0

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/contract"
)

// conforming marks a handler without faults: every exchange a test makes with it is also
// checked against specs/auth0-clients.openapi.yaml (documented status, content type, schema),
// so "conforming" is proven by the spec the suite uses, not only by hand-written asserts.
type conforming struct{ http.Handler }

var loadContract = sync.OnceValues(func() (*contract.Spec, error) { return contract.Load("auth0") })

func checkAgainstSpec(t *testing.T, req *http.Request, rec *httptest.ResponseRecorder) {
	t.Helper()
	spec, err := loadContract()
	require.NoError(t, err)
	op, _, ok := spec.Route(req.Method, req.URL.Path)
	if !ok || op == nil {
		return // undocumented path or method (404/405 tests): nothing to check against
	}
	for _, v := range contract.Check(context.Background(), contract.Exchange{
		Op: op, Method: req.Method, Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes(),
	}) {
		t.Errorf("%s %s → %d breaks the spec: %s", req.Method, req.URL, rec.Code, v)
	}
}
