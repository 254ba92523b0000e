// Package certificate writes the conformance statement of a run (reports/certificate.json
// and certificate.md): what was checked (target, suite version, sha256 of each spec), when,
// with what outcome per surface and category, what was left out (skipped bases, the
// baseline's known failures) — something a vendor attaches to a release and anyone can
// check against the repository at that version.
package certificate

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"slices"
	"sort"
	"time"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/results"
	"github.com/clientconf/clientconf/specs"
)

// Verdicts of a statement.
const (
	Conformant          = "conformant"
	ConformantWithKnown = "conformant-with-known-failures"
	NonConformant       = "non-conformant"
	NotJudged           = "not-judged" // the suite could not check the target
)

// Certificate is the statement, as certificate.json.
type Certificate struct {
	Verdict    string `json:"verdict"`
	Statement  string `json:"statement"`
	ExitStatus int    `json:"exit_status"`
	Target     string `json:"target"`
	// Generated is when the statement was written; RunStarted when the run began.
	Generated  time.Time  `json:"generated"`
	RunStarted *time.Time `json:"run_started,omitempty"` // nil: the run never started
	RunSeconds float64    `json:"run_seconds"`
	Suite      string     `json:"suite_version"`
	Specs      []Spec     `json:"specs"`
	Surfaces   []string   `json:"surfaces"`
	// Categories counts outcomes per surface × category; Fail counts only failures the
	// baseline does not excuse, Known those it does.
	Categories   []Counts  `json:"categories"`
	Totals       Counts    `json:"totals"`
	SkippedBases []string  `json:"skipped_bases"`
	Baseline     *Baseline `json:"baseline"`
	// SetupErrors say why the suite could not check (part of) the target: the run-level
	// error, and each scenario that ended in a suite error. Empty for a clean run.
	SetupErrors []string `json:"setup_errors"`
}

// Spec is one spec the run checked against.
type Spec struct {
	Surface string `json:"surface"`
	File    string `json:"file"`
	SHA256  string `json:"sha256"`
}

// Counts are the outcomes of one surface × category (or of the whole run).
type Counts struct {
	Surface  string `json:"surface,omitempty"`
	Category string `json:"category,omitempty"`
	Pass     int    `json:"pass"`
	Fail     int    `json:"fail"`
	Known    int    `json:"known"`
	Error    int    `json:"error"`
	Skipped  int    `json:"skipped"`
}

// Baseline is the known-failures file the run was judged with.
type Baseline struct {
	Path    string `json:"path"`
	SHA256  string `json:"sha256,omitempty"`
	Entries int    `json:"entries"`
	Known   int    `json:"known"`   // failing scenarios it excused
	Fixed   int    `json:"fixed"`   // entries whose scenario now passes
	Stale   int    `json:"stale"`   // entries naming no scenario of the run
	Expired int    `json:"expired"` // entries past their date (their failures count)
}

// Input is what a statement is built from.
type Input struct {
	Verdict      *report.Verdict
	Meta         report.Meta
	Target       string
	SkippedBases []string
	Now          time.Time
}

// Build makes the statement of a judged run.
func Build(in Input) *Certificate {
	v := in.Verdict
	c := &Certificate{
		ExitStatus: v.ExitStatus(), Target: in.Target, Generated: in.Now.UTC(),
		RunSeconds: v.Run.Elapsed.Seconds(), Suite: in.Meta.Suite,
		SkippedBases: skippedBases(v.Run, in.SkippedBases), SetupErrors: []string{},
	}
	if !v.Run.Started.IsZero() {
		started := v.Run.Started.UTC()
		c.RunStarted = &started
	}
	c.Surfaces = surfaces(v.Run)
	for _, s := range c.Surfaces {
		file, ok := specs.File(s)
		if !ok {
			continue
		}
		c.Specs = append(c.Specs, Spec{Surface: s, File: file, SHA256: in.Meta.Specs[file]})
	}
	c.Categories, c.Totals = counts(v)
	if v.RunError != "" {
		c.SetupErrors = append(c.SetupErrors, v.RunError)
	}
	for _, s := range v.Run.Scenarios {
		if s.Outcome == results.Error {
			c.SetupErrors = append(c.SetupErrors, s.ID+": "+s.Reason())
		}
	}
	if b := v.Baseline; b != nil {
		c.Baseline = &Baseline{Path: b.Path, SHA256: fileSHA256(b.Path), Entries: len(b.Entries), Known: len(v.Known),
			Fixed: len(v.Fixed), Stale: len(v.Stale), Expired: len(v.Expired)}
	}
	c.Verdict, c.Statement = statement(c, v)
	return c
}

// surfaces lists the surfaces the run had scenarios on, in report order.
func surfaces(run *results.Run) []string {
	var out []string
	for _, s := range specs.Surfaces() {
		if slices.ContainsFunc(run.Scenarios, func(sc *results.Scenario) bool { return sc.Surface == s }) {
			out = append(out, s)
		}
	}
	for _, sc := range run.Scenarios { // a surface this build does not know still shows
		if sc.Surface != "" && !slices.Contains(out, sc.Surface) {
			out = append(out, sc.Surface)
		}
	}
	return out
}

// skippedBases joins the configured bases with those scenarios were skipped for.
func skippedBases(run *results.Run, configured []string) []string {
	out := []string{}
	for _, b := range configured {
		if b != "" && !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	for _, s := range run.Scenarios {
		if s.Outcome == results.Skip && s.SkipReason == results.BasisOff && s.Basis != "" && !slices.Contains(out, s.Basis) {
			out = append(out, s.Basis)
		}
	}
	sort.Strings(out)
	return out
}

func counts(v *report.Verdict) ([]Counts, Counts) {
	known := map[string]bool{}
	for _, s := range v.Known {
		known[s.ID] = true
	}
	idx := map[[2]string]*Counts{}
	var rows []*Counts
	var total Counts
	for _, s := range v.Run.Scenarios {
		k := [2]string{s.Surface, s.Category}
		c := idx[k]
		if c == nil {
			c = &Counts{Surface: s.Surface, Category: s.Category}
			idx[k] = c
			rows = append(rows, c)
		}
		for _, into := range []*Counts{c, &total} {
			switch {
			case s.Outcome == results.Pass:
				into.Pass++
			case s.Outcome == results.Fail && known[s.ID]:
				into.Known++
			case s.Outcome == results.Fail:
				into.Fail++
			case s.Outcome == results.Error:
				into.Error++
			case s.Outcome == results.Skip:
				into.Skipped++
			}
		}
	}
	order := specs.Surfaces()
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := slices.Index(order, rows[i].Surface), slices.Index(order, rows[j].Surface)
		if a != b {
			return uint(a) < uint(b) // unknown surfaces (-1) last
		}
		return rows[i].Category < rows[j].Category
	})
	out := make([]Counts, len(rows))
	for i, r := range rows {
		out[i] = *r
	}
	return out, total
}

func fileSHA256(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
