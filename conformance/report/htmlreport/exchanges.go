package htmlreport

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// exchange is one exchange in full, as HTTP messages: request line, headers, body.
type exchange struct {
	Line, Retries     string
	Request, Response string
}

// failingExchanges marks the entries a failure names (same method and URL, and status when
// the failure has one).
func failingExchanges(s *results.Scenario, entries []results.Entry) map[int]bool {
	out := map[int]bool{}
	for _, f := range s.Failures {
		for i, e := range entries {
			if f.Method != "" && e.Method == f.Method && e.URL == f.URL && (f.Status == 0 || e.Status == f.Status) {
				out[i] = true
			}
		}
	}
	return out
}

// reproduction picks the exchange to reproduce: the first one a failure names, else a
// request built from the first failure's method and URL.
func reproduction(s *results.Scenario, entries []results.Entry, failing map[int]bool) *results.Entry {
	for i := range entries {
		if failing[i] {
			return &entries[i]
		}
	}
	for _, f := range s.Failures {
		if f.Method != "" && f.URL != "" {
			return &results.Entry{Method: f.Method, URL: f.URL, Role: f.Role, AuthorizationSent: f.Role != "no-token"}
		}
	}
	return nil
}

func (b *builder) exchange(e results.Entry, line string) exchange {
	auth := ""
	if e.AuthorizationSent {
		auth = "Authorization: (the " + e.Role + " token, never recorded)"
	}
	respHeaders := headers(e.ResponseHeaders)
	if e.ResponseContentType != "" && http.Header(e.ResponseHeaders).Get("Content-Type") == "" {
		respHeaders = join("Content-Type: "+e.ResponseContentType, respHeaders)
	}
	x := exchange{Line: line,
		Request:  message(b.m(e.Method+" "+e.URL), join(auth, b.m(headers(e.RequestHeaders))), b.body(e.RequestBody)),
		Response: message(responseLine(e.Status), b.m(respHeaders), b.body(e.ResponseBody))}
	if len(e.Retries) > 0 {
		x.Retries = b.m(fmt.Sprintf("%d retries: %s", len(e.Retries), strings.Join(e.Retries, "; ")))
	}
	return x
}

// message lays out an HTTP message: first line, headers, a blank line and the body.
func message(first, headers, body string) string {
	s := join(first, headers)
	if body != "" {
		s += "\n\n" + body
	}
	return s
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

func headers(h results.Headers) string {
	var lines []string
	for _, k := range sortedKeys(h) {
		if strings.EqualFold(k, "Authorization") {
			continue
		}
		for _, v := range http.Header(h)[k] {
			lines = append(lines, k+": "+v)
		}
	}
	return strings.Join(lines, "\n")
}

func responseLine(code int) string {
	if code == 0 {
		return "(no response)"
	}
	return strings.TrimSpace(fmt.Sprintf("HTTP %d %s", code, http.StatusText(code)))
}

func statusText(code int) string {
	if code == 0 {
		return "no response"
	}
	return fmt.Sprint(code)
}
