package htmlreport_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/clientconf/clientconf/conformance/report/htmlreport"
	"github.com/clientconf/clientconf/conformance/report/results"
)

func TestCurl(t *testing.T) {
	tests := []struct {
		name    string
		entry   results.Entry
		want    []string
		wantNot []string
	}{
		{"main role with a JSON body",
			results.Entry{Role: "main", Method: "POST", URL: "https://h/cis/v1/clients", RequestBody: `{"name":"it's"}`, AuthorizationSent: true},
			[]string{"curl -sS -i -X POST 'https://h/cis/v1/clients'", `-H "Authorization: Bearer $CONFORMANCE_TOKEN"`,
				"-H 'Content-Type: application/json'", `--data-raw '{"name":"it'\''s"}'`},
			[]string{"masked"}},
		{"read-only role",
			results.Entry{Role: "readonly", Method: "GET", URL: "https://h/cis/v1/clients", AuthorizationSent: true},
			[]string{`$CONFORMANCE_READONLY_TOKEN`}, []string{"--data-raw", "Content-Type"}},
		{"other app and admin roles",
			results.Entry{Role: "other", Method: "GET", URL: "https://h/x", AuthorizationSent: true},
			[]string{`$CONFORMANCE_OTHER_APP_TOKEN`}, nil},
		{"no token sends no Authorization",
			results.Entry{Role: "no-token", Method: "DELETE", URL: "https://h/cis/v1/clients/c1"},
			[]string{"-X DELETE 'https://h/cis/v1/clients/c1'"}, []string{"Authorization"}},
		{"a bad token is a literal bad token",
			results.Entry{Role: "bad-token", Method: "GET", URL: "https://h/x", AuthorizationSent: true},
			[]string{"Bearer not-a-valid-token"}, []string{"$CONFORMANCE"}},
		{"recorded headers are replayed, Authorization never",
			results.Entry{Role: "main", Method: "PUT", URL: "https://h/x", AuthorizationSent: true, RequestBody: "a=1",
				RequestHeaders: results.Headers{"Content-Type": {"application/x-www-form-urlencoded"}, "Authorization": {"Bearer leaked"}}},
			[]string{"-H 'Content-Type: application/x-www-form-urlencoded'"}, []string{"leaked", "application/json"}},
		{"a masked secret is pointed out",
			results.Entry{Role: "main", Method: "PATCH", URL: "https://h/x", AuthorizationSent: true, RequestBody: `{"client_secret":"***"}`},
			[]string{"# *** marks a secret the report masked"}, nil},
		{"a large body is read from a file",
			results.Entry{Role: "main", Method: "POST", URL: "https://h/x", AuthorizationSent: true, RequestBody: strings.Repeat("x", 5000)},
			[]string{"--data-binary @request-body.json", "5000-byte request_body"}, []string{"xxxxxxxx"}},
		{"an unknown role uses the main token and says so",
			results.Entry{Role: "scratch", Method: "GET", URL: "https://h/x", AuthorizationSent: true},
			[]string{`$CONFORMANCE_TOKEN" # role scratch: use its token`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := htmlreport.Curl(tt.entry)
			for _, w := range tt.want {
				assert.Contains(t, got, w)
			}
			for _, w := range tt.wantNot {
				assert.NotContains(t, got, w)
			}
		})
	}
}
