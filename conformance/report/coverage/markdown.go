package coverage

import (
	"fmt"
	"strings"
)

// maxNeverLines bounds the never-exercised statuses in the Markdown section, which is
// appended to the bounded summary; coverage.json has every item.
const maxNeverLines = 5

// String renders a tally as "157/195 (81%)".
func (t Tally) String() string {
	if t.Documented == 0 {
		return "0/0"
	}
	return fmt.Sprintf("%d/%d (%d%%)", t.Exercised, t.Documented, 100*t.Exercised/t.Documented)
}

// Markdown is the coverage section of the summary: a table per surface, then what was never
// exercised (statuses by operation, enum values counted by where they sit), in a few lines.
func (r *Report) Markdown() string {
	var b strings.Builder
	b.WriteString("\n## Spec coverage\n\n")
	if !r.Measured {
		b.WriteString("Not measured: no transcript of this run was found (`CONFORMANCE_TRANSCRIPT`).\n")
		return b.String()
	}
	b.WriteString("What this run's exchanges showed of the specs: documented operations, statuses and enum values " +
		"(parameters, request and response bodies). Not exercised means not proven. Every item: `coverage.json`.\n\n")
	b.WriteString("| surface | operations | statuses | enum values |\n|---|---|---|---|\n")
	for _, s := range r.Surfaces {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", s.Surface, s.Totals.Operations, s.Totals.Statuses, s.Totals.EnumValues)
	}
	fmt.Fprintf(&b, "| **all** | %s | %s | %s |\n", r.Totals.Operations, r.Totals.Statuses, r.Totals.EnumValues)
	if len(r.Never.Operations) > 0 {
		fmt.Fprintf(&b, "\n**Operations never exercised (%d):** %s\n", len(r.Never.Operations), capJoin(r.Never.Operations, 6))
	}
	if lines := r.neverStatusLines(); len(lines) > 0 {
		fmt.Fprintf(&b, "\n**Documented statuses never seen (%d):**\n\n", len(r.Never.Statuses))
		for i, l := range lines {
			if i == maxNeverLines {
				fmt.Fprintf(&b, "- … %d more operations in `coverage.json`\n", len(lines)-i)
				break
			}
			b.WriteString("- " + l + "\n")
		}
	}
	if n := len(r.Never.EnumValues); n > 0 {
		fmt.Fprintf(&b, "\n**Enum values never seen (%d):** %s.\n", n, r.neverEnumWhere())
	}
	return b.String()
}

// neverStatusLines groups the never-seen statuses by operation: "clients deleteClients: 400, 404".
func (r *Report) neverStatusLines() []string {
	var out []string
	for _, s := range r.Surfaces {
		for _, op := range s.Operations {
			var codes []string
			for _, st := range op.Statuses {
				if !st.Exercised {
					codes = append(codes, fmt.Sprint(st.Status))
				}
			}
			if len(codes) > 0 {
				out = append(out, fmt.Sprintf("`%s %s`: %s", s.Surface, op.ID, strings.Join(codes, ", ")))
			}
		}
	}
	return out
}

// neverEnumWhere counts the never-seen enum values by where they sit.
func (r *Report) neverEnumWhere() string {
	counts := map[string]int{}
	for _, s := range r.Surfaces {
		for _, op := range s.Operations {
			for _, en := range op.Enums {
				for _, v := range en.Values {
					if !v.Exercised {
						counts[en.In]++
					}
				}
			}
		}
	}
	var parts []string
	for _, in := range []string{InRequest, InResponse, InQuery, InPath, InHeader} {
		if counts[in] > 0 {
			parts = append(parts, fmt.Sprintf("%d in %s", counts[in], map[string]string{
				InRequest: "request bodies", InResponse: "response bodies", InQuery: "query parameters",
				InPath: "path parameters", InHeader: "headers"}[in]))
		}
	}
	return strings.Join(parts, ", ")
}

func capJoin(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, "; ")
	}
	return strings.Join(items[:n], "; ") + fmt.Sprintf("; … %d more", len(items)-n)
}
