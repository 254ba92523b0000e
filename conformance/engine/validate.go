package engine

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// Validate checks a target the way ConfigFromEnv checks the environment, before anything is
// sent: known surface keys (known: the suite's surface ids), absolute http(s) base URLs, the
// main role present, known role keys, no negative limits. It returns the target with trailing
// slashes trimmed from its base URLs (a copy: the caller's map is not changed). Errors name
// Target fields, or CONFORMANCE_* variables for a target read from the environment.
func (t Target) Validate(known []string) (Target, error) {
	if len(t.BaseURLs) == 0 && t.FromEnv {
		return t, fmt.Errorf("no surface selected: set %s (and %s) for the target", t.roleHint(scenario.Main), envvar.Surfaces)
	}
	if len(t.BaseURLs) == 0 {
		return t, fmt.Errorf("%s is empty: set one base URL per surface to check (surfaces: %s), e.g. "+
			`Target.BaseURLs["clients"] = "https://api.sbx.transmitsecurity.io/cis"`, "Target.BaseURLs", strings.Join(known, ", "))
	}
	bases := make(map[string]string, len(t.BaseURLs))
	for _, id := range slices.Sorted(maps.Keys(t.BaseURLs)) {
		if !slices.Contains(known, id) {
			return t, fmt.Errorf("Target.BaseURLs has the key %q, which is no surface; use one of %s", id, strings.Join(known, ", "))
		}
		base := strings.TrimRight(strings.TrimSpace(t.BaseURLs[id]), "/")
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return t, fmt.Errorf("%s is %q, not an absolute http(s) URL; set it to the surface's API base URL, e.g. https://api.sbx.transmitsecurity.io/cis",
				t.baseSetting(id), t.BaseURLs[id])
		}
		bases[id] = base
	}
	t.BaseURLs = bases
	for r := range t.Tokens {
		if _, ok := goRoles[r]; !ok {
			return t, fmt.Errorf("Target.Tokens has the key %q, which is no role; use conformance.Main, ReadOnly, NoPerm, Other, Admin or AppScoped", r)
		}
	}
	for r := range t.TokenSources {
		if _, ok := goRoles[r]; !ok {
			return t, fmt.Errorf("Target.TokenSources has the key %q, which is no role; use conformance.Main, ReadOnly, NoPerm, Other, Admin or AppScoped", r)
		}
	}
	if !t.HasRole(scenario.Main) {
		return t, fmt.Errorf("%s is not set: every scenario acts as the main role; set it to a token of an app with full client permissions",
			t.roleHint(scenario.Main))
	}
	switch {
	case t.Timeout < 0:
		return t, fmt.Errorf("%s is %s; set a positive duration per request, or 0 for 10s", t.field("Target.Timeout"), t.Timeout)
	case t.Concurrency < 0:
		return t, fmt.Errorf("%s is %d; set the scenarios in flight, or 0 for 8", t.field("Target.Concurrency"), t.Concurrency)
	case t.RPS < 0:
		return t, fmt.Errorf("%s is %g; set requests per second, or 0 for no limit", t.field("Target.RPS"), t.RPS)
	case t.Deadline < 0:
		return t, fmt.Errorf("%s is %s; set a duration for the whole run, or 0 for none", t.field("Target.Deadline"), t.Deadline)
	}
	return t, nil
}

// field names a Target field, with its variable for a target read from the environment.
func (t Target) field(name string) string {
	if !t.FromEnv {
		return name
	}
	vars := map[string]string{"Target.Timeout": envvar.Timeout, "Target.Concurrency": envvar.Concurrency,
		"Target.RPS": envvar.RPS, "Target.Deadline": envvar.Deadline}
	return vars[name]
}
