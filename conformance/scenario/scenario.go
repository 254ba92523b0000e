// Package conformance is the engine and the scenario tables of the suite. Run(t, target) checks
// a target (a vendor sandbox, a mock, the reference server) against the contract and the specs.
package scenario

import "strings"

// Basis says why an assertion holds (see ../shared/CONTRACT.md): a user can skip a whole basis.
type Basis string

// The three bases of CONTRACT.md.
const (
	Spec       Basis = "spec"       // follows from the OpenAPI document
	Documented Basis = "documented" // stated in the vendor's prose
	Assumed    Basis = "assumed"    // decided by the contract where the vendor is silent
)

// Role names a configured identity; each maps to a bearer token.
type Role string

// Roles of the suite. NoToken and BadToken are not configured: the engine makes them up.
const (
	Main     Role = "main"     // CONFORMANCE_TOKEN: full client permissions on its app
	ReadOnly Role = "readonly" // CONFORMANCE_READONLY_TOKEN: read permissions only
	NoPerm   Role = "noperm"   // CONFORMANCE_NOPERM_TOKEN: valid, without client permissions
	Other    Role = "other"    // CONFORMANCE_OTHER_APP_TOKEN: full permissions on a second app
	Admin    Role = "admin"    // CONFORMANCE_ADMIN_TOKEN: management (tenant-wide) token
	// AppScoped (CONFORMANCE_APPSCOPED_TOKEN): a client token of Main's app whose only client
	// permissions are "<its appId>:read" and "<another appId>:edit" (Transmit).
	AppScoped Role = "appscoped"
	NoToken   Role = "no-token" // no Authorization header at all
	BadToken  Role = "bad-token"
)

// Categories lists the scenario categories; the second segment of every scenario ID.
func Categories() []string {
	return []string{"crud", "defaults", "enums", "bad-request", "not-found", "conflict",
		"permissions", "schema", "pagination"}
}

// Scenario is one requirement, checked by Run. IDs are stable, hierarchical and never
// positional: surface/category/name, so `go test -run` filters work.
type Scenario struct {
	ID          string
	Basis       Basis
	Requirement string // one sentence a stranger can check the target against
	// Roles the scenario needs besides Main; it is skipped, with the reason, when one is missing.
	Roles []Role
	// Destructive scenarios delete what the suite did not create; they run only when allowed.
	Destructive bool
	// Serial scenarios run alone, after the parallel ones: their checks (a list holds every
	// client just created) would race the other scenarios' creates.
	Serial bool
	// Derived scenarios are generated from the spec (enums, required fields, defaults,
	// permissions per operation) rather than written by hand.
	Derived bool
	Run     func(s *S)
}

// Surface is the first segment of the ID.
func (sc Scenario) Surface() string { return segment(sc.ID, 0) }

// Category is the second segment of the ID.
func (sc Scenario) Category() string { return segment(sc.ID, 1) }

func segment(id string, i int) string {
	parts := strings.SplitN(id, "/", 3)
	if i < len(parts) {
		return parts[i]
	}
	return ""
}
