package certificate

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/clientconf/clientconf/conformance/report"
)

// statement says the verdict in one paragraph. A run the suite could not check says so
// first: it is then no statement about conformance.
func statement(c *Certificate, v *report.Verdict) (string, string) {
	scope := fmt.Sprintf("clientconf %s, surfaces %s", c.Suite, strings.Join(c.Surfaces, ", "))
	if len(c.Surfaces) == 0 {
		scope = fmt.Sprintf("clientconf %s", c.Suite)
	}
	t := c.Totals
	ran := fmt.Sprintf("%d scenarios: %d passed, %d failed, %d known failures, %d suite errors, %d skipped",
		t.Pass+t.Fail+t.Known+t.Error+t.Skipped, t.Pass, t.Fail, t.Known, t.Error, t.Skipped)
	var verdict, s string
	switch c.ExitStatus {
	case report.ExitSuiteError:
		verdict = NotJudged
		s = fmt.Sprintf("NOT A CONFORMANCE STATEMENT: the suite could not check %s (%d setup errors, first: %s). "+
			"The counts cover only what ran (%s).", c.Target, len(c.SetupErrors), first(c.SetupErrors), ran)
		return verdict, s
	case report.ExitNonConformant:
		verdict = NonConformant
		s = fmt.Sprintf("%s does not conform: %s found %d failing scenarios the baseline does not excuse (%s).",
			c.Target, scope, len(v.New), ran)
	default:
		verdict = Conformant
		s = fmt.Sprintf("%s passed every scenario that ran of %s (%s).", c.Target, scope, ran)
		if len(v.Known) > 0 {
			verdict = ConformantWithKnown
			s = fmt.Sprintf("%s passed %s apart from %d known failures accepted by the baseline %s (%s).",
				c.Target, scope, len(v.Known), c.Baseline.Path, ran)
		}
	}
	if len(c.SkippedBases) > 0 {
		s += fmt.Sprintf(" Scenarios of basis %s were not run.", strings.Join(c.SkippedBases, ", "))
	}
	if t.Skipped > 0 {
		s += " Skipped scenarios prove nothing; see the skip reasons in the summary."
	}
	return verdict, s
}

func first(list []string) string {
	if len(list) == 0 {
		return "unknown"
	}
	return oneLine(list[0], 200)
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// WriteJSON writes certificate.json.
func (c *Certificate) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(c); err != nil {
		return fmt.Errorf("encode certificate: %w", err)
	}
	return nil
}

// WriteMarkdown writes certificate.md, the same facts for people.
func (c *Certificate) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Conformance statement: %s\n\n%s\n\n", c.Verdict, c.Statement)
	fmt.Fprintf(&b, "| | |\n|---|---|\n")
	fmt.Fprintf(&b, "| target | `%s` |\n", c.Target)
	if c.RunStarted != nil {
		fmt.Fprintf(&b, "| run started | %s (%.1f s) |\n", c.RunStarted.Format(time.RFC3339), c.RunSeconds)
	} else {
		b.WriteString("| run started | never: no scenario ran |\n")
	}
	fmt.Fprintf(&b, "| statement written | %s |\n", c.Generated.Format(time.RFC3339))
	fmt.Fprintf(&b, "| suite version | `%s` |\n", c.Suite)
	fmt.Fprintf(&b, "| surfaces | %s |\n", orNone(strings.Join(c.Surfaces, ", ")))
	fmt.Fprintf(&b, "| exit status | %d |\n", c.ExitStatus)
	fmt.Fprintf(&b, "| bases skipped | %s |\n", orNone(strings.Join(c.SkippedBases, ", ")))
	if c.Baseline != nil {
		fmt.Fprintf(&b, "| baseline | `%s` sha256 `%s`: %d entries; %d known, %d fixed, %d stale, %d expired |\n",
			c.Baseline.Path, orNone(c.Baseline.SHA256), c.Baseline.Entries, c.Baseline.Known, c.Baseline.Fixed,
			c.Baseline.Stale, c.Baseline.Expired)
	} else {
		b.WriteString("| baseline | none: every failure counts |\n")
	}
	if len(c.SetupErrors) > 0 {
		fmt.Fprintf(&b, "\n## Setup errors: the suite could not check\n\n")
		for i, e := range c.SetupErrors {
			if i == 20 {
				fmt.Fprintf(&b, "- … %d more in certificate.json\n", len(c.SetupErrors)-i)
				break
			}
			fmt.Fprintf(&b, "- %s\n", oneLine(e, 300))
		}
	}
	b.WriteString("\n## Specs\n\nCheck them against the repository at the suite version: `sha256sum specs/*.openapi.yaml`.\n\n")
	b.WriteString("| surface | file | sha256 |\n|---|---|---|\n")
	for _, s := range c.Specs {
		fmt.Fprintf(&b, "| %s | `specs/%s` | `%s` |\n", s.Surface, s.File, s.SHA256)
	}
	b.WriteString("\n## Outcomes per surface and category\n\n")
	b.WriteString("`fail` counts failures the baseline does not excuse; `known` those it does.\n\n")
	b.WriteString("| surface | category | pass | fail | known | suite error | skipped |\n|---|---|---|---|---|---|---|\n")
	for _, r := range c.Categories {
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %d | %d |\n", r.Surface, r.Category, r.Pass, r.Fail, r.Known, r.Error, r.Skipped)
	}
	t := c.Totals
	fmt.Fprintf(&b, "| **all** | | %d | %d | %d | %d | %d |\n", t.Pass, t.Fail, t.Known, t.Error, t.Skipped)
	_, err := io.WriteString(w, b.String())
	return err
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
