// Package htmlreport renders reports/report.html: one self-contained file (inline CSS and
// a few lines of JS, no external asset, works offline) with the verdict per surface and
// category, the root-cause groups, and per scenario its requirement, basis, failures, the
// redacted exchanges from the transcript and a copy-paste curl reproduction that takes the
// token from the environment. Left-open observations and the spec coverage close it.
package htmlreport

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"slices"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/certificate"
	"github.com/clientconf/clientconf/conformance/report/coverage"
	"github.com/clientconf/clientconf/conformance/report/results"
)

//go:embed report.html.tmpl
var page string

var tmpl = template.Must(template.New("report").Funcs(template.FuncMap{"verdict": verdictOf}).Parse(page))

// Input is what the report shows. Coverage may be nil (no transcript); Secrets are values
// that must never appear (the configured tokens and client secrets), masked wherever found.
type Input struct {
	Verdict     *report.Verdict
	Certificate *certificate.Certificate
	Coverage    *coverage.Report
	Transcript  []results.Entry
	Secrets     []string
}

// Write renders the report.
func Write(w io.Writer, in Input) error {
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, buildView(in)); err != nil {
		return fmt.Errorf("render report.html: %w", err)
	}
	_, err := w.Write(maskEscaped(buf.Bytes(), in.Secrets))
	return err
}

// maskEscaped is the last guard: a secret the view missed is masked in the page, raw or as
// html/template escaped it.
func maskEscaped(page []byte, secrets []string) []byte {
	for _, s := range secrets {
		if len(s) < 6 { // as the redactor: short values are not treated as secrets
			continue
		}
		for _, form := range escapedForms(s) {
			page = bytes.ReplaceAll(page, []byte(form), []byte("***"))
		}
	}
	return page
}

var textEscaper = template.Must(template.New("").Parse(`{{.}}`))

// escapedForms lists a secret as it could appear in the page: raw, escaped as HTML text
// (html/template also escapes '+'), and escaped in a URL.
func escapedForms(s string) []string {
	var text bytes.Buffer
	_ = textEscaper.Execute(&text, s) // a string always renders
	forms := []string{s, template.HTMLEscapeString(s), text.String(), url.QueryEscape(s), url.PathEscape(s)}
	slices.Sort(forms)
	return slices.Compact(forms)
}
