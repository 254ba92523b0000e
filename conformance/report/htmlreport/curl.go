package htmlreport

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// tokenVars maps the engine's role names to the variable holding that role's token. The
// reproduction names the variable, never the token.
var tokenVars = map[string]string{
	"main":      "CONFORMANCE_TOKEN",
	"readonly":  "CONFORMANCE_READONLY_TOKEN",
	"noperm":    "CONFORMANCE_NOPERM_TOKEN",
	"other":     "CONFORMANCE_OTHER_APP_TOKEN",
	"admin":     "CONFORMANCE_ADMIN_TOKEN",
	"appscoped": "CONFORMANCE_APPSCOPED_TOKEN",
}

// maxCurlBody is the largest body written into a reproduction; a larger one is read from a
// file the reader saves from the transcript.
const maxCurlBody = 4 << 10

// skipHeaders are request headers curl sets itself or that must not be replayed.
var skipHeaders = []string{"Authorization", "Content-Length", "Host", "User-Agent", "Accept-Encoding", "Cookie"}

// Curl renders a copy-paste reproduction of one exchange. The token comes from the
// environment variable of the exchange's role; a body with masked secrets says so.
func Curl(e results.Entry) string {
	var b strings.Builder
	if strings.Contains(e.RequestBody, "***") || strings.Contains(e.URL, "***") {
		b.WriteString("# *** marks a secret the report masked: put the real value back before running.\n")
	}
	b.WriteString("curl -sS -i -X " + e.Method + " " + shellQuote(e.URL))
	switch {
	case e.Role == "bad-token":
		b.WriteString(" \\\n  -H 'Authorization: Bearer not-a-valid-token'")
	case e.Role == "no-token" || !e.AuthorizationSent && e.Role != "":
	case tokenVars[e.Role] != "":
		b.WriteString(" \\\n  -H \"Authorization: Bearer $" + tokenVars[e.Role] + "\"")
	default:
		b.WriteString(" \\\n  -H \"Authorization: Bearer $CONFORMANCE_TOKEN\"")
		if e.Role != "" {
			b.WriteString(" # role " + strings.ReplaceAll(e.Role, "\n", " ") + ": use its token")
		}
	}
	hasType := false
	for _, name := range sortedKeys(e.RequestHeaders) {
		if slices.ContainsFunc(skipHeaders, func(s string) bool { return strings.EqualFold(s, name) }) {
			continue
		}
		hasType = hasType || strings.EqualFold(name, "Content-Type")
		for _, v := range http.Header(e.RequestHeaders)[name] {
			b.WriteString(" \\\n  -H " + shellQuote(name+": "+v))
		}
	}
	if e.RequestBody != "" {
		if !hasType {
			b.WriteString(" \\\n  -H 'Content-Type: application/json'")
		}
		if len(e.RequestBody) > maxCurlBody {
			b.WriteString(" \\\n  --data-binary @request-body.json")
			fmt.Fprintf(&b, "\n# request-body.json: the %d-byte request_body of this exchange in the transcript.", len(e.RequestBody))
		} else {
			b.WriteString(" \\\n  --data-raw " + shellQuote(e.RequestBody))
		}
	}
	return b.String()
}

// shellQuote quotes s for a POSIX shell: nothing inside single quotes is expanded.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func sortedKeys(h results.Headers) []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
