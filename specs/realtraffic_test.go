package specs_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/routers"
)

// rtOutsideSurface matches recorded /api/v2/clients… calls that belong to vendor operations the
// auth0 surface does not include: enabled connections (node-auth0 v4.30+) and CIMD registration.
// They are skipped by name, so that any other unroutable path still fails the test.
var rtOutsideSurface = regexp.MustCompile(`^/api/v2/clients/(?:[^/]+/connections|cimd/(?:register|preview))$`)

// rtTally counts what one recorded set exercised, for the figures the test logs.
type rtTally struct {
	found, outside                 int
	responses, stubs, respRejected int
	requests, bodies, reqRejected  int
}

// TestAuth0RealTraffic checks that the auth0 spec raises no false alarm on real Auth0 traffic,
// in both recorded sets: every recorded /api/v2/clients… exchange routes to a documented
// operation, its status is documented, its Content-Type and body validate against the spec, and
// every request real Auth0 accepted (a 2xx answer) validates against the request schema: a
// schema that rejects one is stricter than Auth0.
func TestAuth0RealTraffic(t *testing.T) {
	router := rtAuth0Router(t)
	for _, set := range rtSets {
		t.Run(set, func(t *testing.T) { rtCheckSet(t, router, set) })
	}
}

func rtCheckSet(t *testing.T, router routers.Router, set string) {
	dir := rtSetDir(set)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Skipf("real-traffic cassettes not found at %s (set %s to the folder holding realtraffic/): nothing to check", dir, rtSharedDirEnv)
	}
	files := rtCassetteFiles(t, dir)
	if len(files) == 0 {
		t.Fatalf("no *.yaml cassettes under %s", dir)
	}
	var n rtTally
	for _, file := range files {
		rel, _ := filepath.Rel(dir, file)
		c := rtReadCassette(t, file)
		t.Run(strings.TrimSuffix(filepath.ToSlash(rel), ".yaml"), func(t *testing.T) {
			for _, in := range c.Interactions {
				u, err := url.Parse(in.Request.URL)
				if err != nil {
					t.Errorf("interaction %d: bad recorded URL %q: %v", in.ID, in.Request.URL, err)
					continue
				}
				if u.Path != rtAuth0APIBase+"/clients" && !strings.HasPrefix(u.Path, rtAuth0APIBase+"/clients/") {
					continue
				}
				n.found++
				t.Run(fmt.Sprintf("%d_%s", in.ID, in.Request.Method), func(t *testing.T) {
					rtCheckInteraction(t, router, in, &n)
				})
			}
		})
	}
	if n.found == 0 {
		t.Fatalf("no /api/v2/clients interaction in %d cassettes under %s", len(files), dir)
	}
	t.Logf("%s: %d /api/v2/clients interactions, %d outside the surface; responses: %d checked (%d with a recorder-replaced body: route, status and Content-Type only), %d rejected; accepted requests (2xx): %d checked (%d with a body), %d rejected",
		set, n.found, n.outside, n.responses, n.stubs, n.respRejected, n.requests, n.bodies, n.reqRejected)
}

func rtCheckInteraction(t *testing.T, router routers.Router, in rtInteraction, n *rtTally) {
	req, err := http.NewRequest(in.Request.Method, in.Request.URL, http.NoBody)
	if err != nil {
		t.Fatalf("bad recorded request %s %s: %v", in.Request.Method, in.Request.URL, err)
	}
	if rtOutsideSurface.MatchString(req.URL.Path) {
		n.outside++
		t.Skipf("%s %s is a vendor operation outside the auth0 surface", req.Method, req.URL.Path)
	}
	route, params, err := router.FindRoute(req)
	if err != nil {
		n.responses++
		n.respRejected++
		t.Fatalf("%s %s: no operation in the spec: %v", req.Method, req.URL.Path, err)
	}
	t.Logf("%s %s → %s, status %d", req.Method, req.URL.Path, route.Operation.OperationID, in.Response.Code)

	n.responses++
	body := []byte(in.Response.Body)
	stub := rtIsRecorderStub(body)
	if stub {
		n.stubs++
		t.Logf("response body not checked: the recorder replaced it (%s); route, status and Content-Type still checked", bytes.TrimSpace(body))
	}
	if req.Method == http.MethodGet {
		body = rtWithoutSDKPageKeys(body)
	}
	if err := rtValidateResponse(route, params, req, in.Response.Code, rtHeader(in.Response.Headers), body, stub); err != nil {
		n.respRejected++
		t.Errorf("response of %s %s (%s) status %d:\n%s", req.Method, req.URL.Path, route.Operation.OperationID, in.Response.Code, err)
	}

	if in.Response.Code/100 != 2 {
		return // Auth0 refused it (or the recorder hid why): no evidence about the request schema
	}
	n.requests++
	reqBody := []byte(in.Request.Body)
	if len(bytes.TrimSpace(reqBody)) > 0 {
		n.bodies++
	}
	if err := rtValidateRequest(route, params, in.Request.Method, in.Request.URL, rtHeader(in.Request.Headers), reqBody); err != nil {
		n.reqRejected++
		t.Errorf("request %s %s (%s), accepted by Auth0 with %d, is rejected by the spec:\n%s\nbody: %s",
			req.Method, req.URL.Path, route.Operation.OperationID, in.Response.Code, err, bytes.TrimSpace(reqBody))
	}
}
