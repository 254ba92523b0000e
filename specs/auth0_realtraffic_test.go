package specs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"gopkg.in/yaml.v3"

	"github.com/clientconf/clientconf/specs"
)

// rtSharedDirEnv overrides where the shared reference data lives (the folder that holds
// realtraffic/). By default it is the repository's sibling folder `shared`.
const rtSharedDirEnv = "CONFORMANCE_SHARED_DIR"

// rtAuth0APIBase is the path part of the auth0 spec's server URL. Routing on it alone lets the
// recorded tenant host (go-auth0-dev.eu.auth0.com) match without touching the spec.
const rtAuth0APIBase = "/api/v2"

// rtOutsideSurface matches recorded /api/v2/clients… calls that belong to vendor operations the
// auth0 surface does not include: enabled connections (node-auth0 v4.30+) and CIMD registration.
// They are skipped by name, so that any other unroutable path still fails the test.
var rtOutsideSurface = regexp.MustCompile(`^/api/v2/clients/(?:[^/]+/connections|cimd/(?:register|preview))$`)

// rtCassette is the part of a go-vcr (v2/v3 layout, `version: 2`) recording this test reads.
type rtCassette struct {
	Version      int `yaml:"version"`
	Interactions []struct {
		ID      int `yaml:"id"`
		Request struct {
			Method string `yaml:"method"`
			URL    string `yaml:"url"`
		} `yaml:"request"`
		Response struct {
			Body    string              `yaml:"body"`
			Headers map[string][]string `yaml:"headers"`
			Code    int                 `yaml:"code"`
		} `yaml:"response"`
	} `yaml:"interactions"`
}

// TestAuth0RealTraffic checks that the auth0 spec raises no false alarm on real Auth0 traffic:
// every recorded /api/v2/clients… exchange routes to a documented operation, its status is
// documented, and its Content-Type and body validate against the spec.
func TestAuth0RealTraffic(t *testing.T) {
	dir := rtCassetteDir()
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Skipf("real-traffic cassettes not found at %s (set %s to the folder holding realtraffic/): nothing to check", dir, rtSharedDirEnv)
	}
	files := rtCassetteFiles(t, dir)
	if len(files) == 0 {
		t.Fatalf("no *.yaml cassettes under %s", dir)
	}

	router := rtAuth0Router(t)
	var found, checked, stubs, outside int
	for _, file := range files {
		rel, _ := filepath.Rel(dir, file)
		name := strings.TrimSuffix(filepath.ToSlash(rel), ".yaml")
		c := rtReadCassette(t, file)
		for _, in := range c.Interactions {
			if u, err := url.Parse(in.Request.URL); err == nil && strings.Contains(u.Path, rtAuth0APIBase+"/clients") {
				found++
			}
		}
		t.Run(name, func(t *testing.T) {
			for _, in := range c.Interactions {
				req, err := http.NewRequest(in.Request.Method, in.Request.URL, http.NoBody)
				if err != nil {
					t.Errorf("interaction %d: bad recorded request %s %s: %v", in.ID, in.Request.Method, in.Request.URL, err)
					continue
				}
				if !strings.Contains(req.URL.Path, rtAuth0APIBase+"/clients") {
					continue
				}
				t.Run(fmt.Sprintf("%d_%s", in.ID, in.Request.Method), func(t *testing.T) {
					if rtOutsideSurface.MatchString(req.URL.Path) {
						outside++
						t.Skipf("%s %s is a vendor operation outside the auth0 surface", req.Method, req.URL.Path)
					}
					checked++
					route, params, err := router.FindRoute(req)
					if err != nil {
						t.Fatalf("%s %s: no operation in the spec: %v", req.Method, req.URL.Path, err)
					}
					t.Logf("%s %s → %s, status %d", req.Method, req.URL.Path, route.Operation.OperationID, in.Response.Code)

					header := http.Header{}
					for k, vs := range in.Response.Headers {
						for _, v := range vs {
							header.Add(k, v)
						}
					}
					body := []byte(in.Response.Body)
					stub := rtIsRecorderStub(body)
					if stub {
						stubs++
						t.Logf("body not checked: go-auth0's recorder replaced it (%s); route, status and Content-Type still checked", bytes.TrimSpace(body))
					}
					if err := rtValidateResponse(route, params, req, in.Response.Code, header, body, stub); err != nil {
						t.Errorf("%s %s (%s) status %d:\n%s", req.Method, req.URL.Path, route.Operation.OperationID, in.Response.Code, err)
					}
				})
			}
		})
	}
	if found == 0 {
		t.Fatalf("no /api/v2/clients interaction in %d cassettes under %s", len(files), dir)
	}
	t.Logf("%d /api/v2/clients interactions recorded; %d checked against the spec (%d of them with a recorder-replaced body: route, status and Content-Type only), %d skipped as outside the surface",
		found, checked, stubs, outside)
}

func rtCassetteDir() string {
	shared := os.Getenv(rtSharedDirEnv)
	if shared == "" {
		shared = filepath.Join("..", "..", "shared")
	}
	return filepath.Join(shared, "realtraffic", "auth0")
}

func rtCassetteFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".yaml") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", dir, err)
	}
	sort.Strings(files)
	return files
}

func rtReadCassette(t *testing.T, file string) rtCassette {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("reading cassette: %v", err)
	}
	var c rtCassette
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf("parsing cassette %s: %v", file, err)
	}
	if c.Version != 2 {
		t.Fatalf("cassette %s: go-vcr format version %d, this test reads version 2", file, c.Version)
	}
	return c
}

// rtAuth0Router loads the embedded auth0 spec, validates it, and routes on the base path only.
func rtAuth0Router(t *testing.T) routers.Router {
	t.Helper()
	name, ok := specs.File("auth0")
	if !ok {
		t.Fatal("no spec file for surface auth0")
	}
	data, err := specs.FS.ReadFile(name)
	if err != nil {
		t.Fatalf("reading %s: %v", name, err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("loading %s: %v", name, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("%s is not a valid OpenAPI document: %v", name, err)
	}
	doc.Servers = openapi3.Servers{{URL: rtAuth0APIBase}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("building router for %s: %v", name, err)
	}
	return router
}

// rtIsRecorderStub reports whether body is the placeholder go-auth0's recorder writes in place of a
// real body on /clients URLs (see realtraffic/README.md): an object with nothing but the injected
// `client_secret` and `signing_keys`, both redacted. A real client always carries client_id.
func rtIsRecorderStub(body []byte) bool {
	var v map[string]any
	if json.Unmarshal(body, &v) != nil || len(v) == 0 {
		return false
	}
	for k, x := range v {
		switch k {
		case "client_secret":
			if x != "[REDACTED]" {
				return false
			}
		case "signing_keys":
			keys, ok := x.([]any)
			if !ok {
				return false
			}
			for _, key := range keys {
				m, ok := key.(map[string]any)
				if !ok || len(m) != 1 || m["cert"] != "[REDACTED]" {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// rtValidateResponse checks status, Content-Type and (unless skipBody) the body against the route.
func rtValidateResponse(route *routers.Route, params map[string]string, req *http.Request, status int, header http.Header, body []byte, skipBody bool) error {
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{
			MultiError:              true,
			IncludeResponseStatus:   true,
			ExcludeResponseBody:     skipBody,
			SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()},
		},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		return errors.New(rtDescribe(err))
	}
	if skipBody {
		// ExcludeResponseBody also skips the Content-Type lookup, so do that part here.
		if resp := route.Operation.Responses.Status(status); resp != nil && resp.Value != nil && len(resp.Value.Content) > 0 {
			if ct := header.Get("Content-Type"); resp.Value.Content.Get(ct) == nil {
				return fmt.Errorf("response Content-Type %q is not documented for status %d", ct, status)
			}
		}
	}
	return nil
}

// rtDescribe renders validation errors as one line per violation (JSON pointer, keyword, reason),
// without the schema dumps and values kin-openapi appends by default.
func rtDescribe(err error) string {
	var lines []string
	var walk func(err error, indent string)
	walk = func(err error, indent string) {
		switch e := err.(type) {
		case openapi3.MultiError:
			for _, sub := range e {
				walk(sub, indent)
			}
		case *openapi3filter.ResponseError:
			lines = append(lines, indent+e.Reason)
			if e.Err != nil {
				walk(e.Err, indent+"  ")
			}
		case *openapi3.SchemaError:
			lines = append(lines, fmt.Sprintf("%s/%s: %s: %s", indent, strings.Join(e.JSONPointer(), "/"), e.SchemaField, e.Reason))
			if e.Origin != nil {
				walk(e.Origin, indent+"  ")
			}
		default:
			if inner := errors.Unwrap(err); inner != nil {
				walk(inner, indent)
				return
			}
			lines = append(lines, indent+err.Error())
		}
	}
	walk(err, "  ")
	return strings.Join(lines, "\n")
}
