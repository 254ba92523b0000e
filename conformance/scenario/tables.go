package scenario

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clientconf/clientconf/conformance/contract"
)

// createTable describes how a surface creates one kind of resource; the enum, required-field,
// wrong-type and default tables are derived from the create operation's request schema.
type CreateTable struct {
	Surface  string
	OpID     string
	Variants []Variant
	// Params fills the create operation's path parameters (its path comes from the spec).
	Params map[string]Provider
	// Role creates; the zero value is Main.
	Role Role
	// DefaultsPresent: a defaulted field must be in the response (Auth0's live defaults), and so
	// must a sent enum value; otherwise either may be absent unless the response schema
	// requires it, and must match when present.
	DefaultsPresent bool
	// Open lists outcomes the contract leaves open for one enum value ("field=value"): the
	// extra statuses a conforming server may answer.
	Open map[string][]int
	// Roles the table's scenarios need besides Main (e.g. Admin to create apps).
	Roles []Role
	// Enums, when set, limits the enum scenarios to these fields (dotted, as in scenario IDs).
	// Request enums whose values need tenant features or other settings to be accepted are
	// left to hand-written scenarios that set those up.
	Enums []string
}

// WithRoles returns the table with scenarios that need the given roles.
func (ct CreateTable) WithRoles(roles ...Role) CreateTable {
	ct.Roles = roles
	return ct
}

// create sends body to the create operation op, at its spec path, as the table's role.
func (ct CreateTable) create(s *S, op *contract.Op, body any) *Response {
	s.T.Helper()
	params := map[string]string{}
	for _, name := range op.PathParams() {
		provide := ct.Params[name]
		if provide == nil {
			s.SuiteFatalf("no provider for path parameter %q of %s", name, op.ID)
		}
		params[name] = provide(s, params)
	}
	role := ct.Role
	if role == "" {
		role = Main
	}
	return s.Do(role, http.MethodPost, op.Expand(params), JSON(body))
}

// variant is one request schema of the create operation (e.g. OIDC or SAML clients).
type Variant struct {
	Label  string // in scenario IDs: oidc, saml, client
	Schema string // component schema name
}

func (ct CreateTable) schemaOf(sp *contract.Spec, v Variant) *openapi3.Schema {
	ref := sp.Doc.Components.Schemas[v.Schema]
	if ref == nil || ref.Value == nil {
		return nil
	}
	return ref.Value
}

// successStatus is the create operation's documented 2xx.
func successStatus(op *contract.Op) int {
	for _, c := range op.Statuses() {
		if c/100 == 2 {
			return c
		}
	}
	return http.StatusOK
}

// responseSchema is the schema of the create operation's success body (inside any envelope).
func responseSchema(op *contract.Op) *openapi3.Schema { return successSchema(op, successStatus(op)) }

// branchFor narrows a response union to the branch a request variant produces, using the
// response's discriminator and the variant's one-value enum for that property (oidc / saml).
func branchFor(resp, req *openapi3.Schema) *openapi3.Schema {
	if resp == nil || resp.Discriminator == nil {
		return resp
	}
	prop := req.Properties[resp.Discriminator.PropertyName]
	if prop == nil || prop.Value == nil || len(prop.Value.Enum) != 1 {
		return resp
	}
	return discriminated(resp, prop.Value.Enum[0])
}

// scenarios derives every table scenario of the create operation.
func (ct CreateTable) Scenarios(sp *contract.Spec) []Scenario {
	op := sp.Op(ct.OpID)
	if op == nil {
		return []Scenario{missingOp(ct.Surface, ct.OpID)}
	}
	var out []Scenario
	for _, v := range ct.Variants {
		sch := ct.schemaOf(sp, v)
		if sch == nil {
			out = append(out, missingOp(ct.Surface, v.Schema))
			continue
		}
		resp := branchFor(responseSchema(op), sch)
		out = append(out, ct.enumScenarios(op, v, sch, resp)...)
		out = append(out, ct.requiredScenarios(op, v, sch)...)
		out = append(out, ct.typeScenarios(op, v, sch)...)
		out = append(out, ct.defaultScenarios(op, v, sch, resp)...)
	}
	for i := range out {
		out[i].Roles = append(out[i].Roles, ct.Roles...)
	}
	return out
}

// missingOp is a scenario that fails: the spec lacks what the tables are derived from.
func missingOp(surface, name string) Scenario {
	return Scenario{ID: surface + "/schema/spec-has-" + name, Basis: Spec,
		Requirement: "The surface's spec defines " + name + ".",
		Run: func(s *S) {
			s.SuiteErrorf("the %s spec has no %s: the derived tables cannot run", surface, name)
		}}
}

// minimal builds a valid minimal body of the variant.
func (ct CreateTable) minimal(s *S, sch *openapi3.Schema) map[string]any {
	body, _ := synth(s, sch, "").(map[string]any)
	if body == nil {
		body = map[string]any{}
	}
	return body
}

func (ct CreateTable) enumScenarios(op *contract.Op, v Variant, sch, resp *openapi3.Schema) []Scenario {
	var out []Scenario
	walkObject(sch, func(st site) {
		if len(st.Schema.Enum) == 0 || (len(ct.Enums) > 0 && !contains(ct.Enums, st.field())) {
			return
		}
		values := st.Schema.Enum
		if st.InArray {
			// One create with every value of the item enum; echoed as a set.
			out = append(out, ct.enumCase(op, v, sch, resp, st, "all-values", values, true))
			out = append(out, ct.enumCase(op, v, sch, resp, st, "invalid", []any{"not-a-valid-" + st.field()}, false))
			return
		}
		for _, val := range values {
			out = append(out, ct.enumCase(op, v, sch, resp, st, fmt.Sprint(val), val, true))
		}
		out = append(out, ct.enumCase(op, v, sch, resp, st, "invalid", "not-a-valid-"+st.field(), false))
	})
	return out
}

func (ct CreateTable) enumCase(op *contract.Op, v Variant, sch, resp *openapi3.Schema, st site, label string, val any, valid bool) Scenario {
	id := fmt.Sprintf("%s/enums/%s/%s/%s", ct.Surface, v.Label, st.field(), label)
	req := fmt.Sprintf("%s %s accepts %s = %s and echoes it.", ct.OpID, v.Label, st.field(), DescribeJSON(val))
	if !valid {
		req = fmt.Sprintf("%s %s rejects %s outside its enum with 400.", ct.OpID, v.Label, st.field())
	}
	openCodes := ct.Open[st.field()+"="+fmt.Sprint(val)]
	return Scenario{ID: id, Basis: Spec, Requirement: req, Derived: true, Run: func(s *S) {
		body := ct.minimal(s, sch)
		setPointer(s, body, st.Pointer, st.Parents, val)
		r := ct.create(s, op, body)
		if !valid {
			r.Check(http.StatusBadRequest)
			return
		}
		want := successStatus(op)
		if len(openCodes) > 0 && r.Is(openCodes...) {
			s.Observe("left-open-status", "%s answered %d, an outcome the contract leaves open", id, r.Status)
			return
		}
		r.Expect(want)
		if resp == nil || schemaAt(resp, st.Pointer) == nil {
			return // input-only field: accepted is all the contract says
		}
		got, ok := r.Field(st.Pointer)
		if !ok && !ct.DefaultsPresent && !requiredAt(resp, st.Pointer) {
			s.Observe("optional-field-absent", "%s not in the response (allowed: the response schema does not require it)", st.Pointer)
			return
		}
		if !ok || !SameJSON(got, val) {
			s.Errorf(r, "echo "+st.Pointer, fmt.Sprintf("%s = %s", st.Pointer, DescribeJSON(val)), DescribeField(got, ok))
		}
	}}
}

func DescribeField(v any, present bool) string {
	if !present {
		return "field absent"
	}
	return DescribeJSON(v)
}

func (ct CreateTable) requiredScenarios(op *contract.Op, v Variant, sch *openapi3.Schema) []Scenario {
	var out []Scenario
	add := func(st site, parentPtr string) {
		// A required member that also has a default (in the schema, or the vendor's as
		// x-default) may be defaulted when omitted: the sources allow both readings.
		_, vendorDefault := st.Schema.Extensions["x-default"]
		defaulted := parentPtr != "" && (st.Schema.Default != nil || vendorDefault)
		out = append(out, Scenario{
			Derived:     true,
			ID:          fmt.Sprintf("%s/bad-request/required/%s/%s", ct.Surface, v.Label, st.field()),
			Basis:       Spec,
			Requirement: fmt.Sprintf("%s %s without the required %s gives 400.", ct.OpID, v.Label, st.field()),
			Run: func(s *S) {
				body := ct.minimal(s, sch)
				if parentPtr != "" { // a nested object that is present, minus one required member
					parent := st.Parents[len(st.Parents)-1]
					setPointer(s, body, parentPtr, st.Parents[:len(st.Parents)-1], synth(s, parent, ""))
				}
				deletePointer(body, st.Pointer)
				r := ct.create(s, op, body)
				if defaulted && r.Is(successStatus(op)) {
					s.Observe("omitted-required-defaulted", "%s omitted was defaulted (%d); refusing it (400) is allowed too", st.field(), r.Status)
					return
				}
				r.Check(http.StatusBadRequest)
			},
		})
	}
	walkObject(sch, func(st site) {
		if st.InArray {
			return
		}
		holder := st.Parents[len(st.Parents)-1]
		name := st.Pointer[strings.LastIndex(st.Pointer, "/")+1:]
		if !contains(holder.Required, name) {
			return
		}
		add(st, st.Pointer[:strings.LastIndex(st.Pointer, "/")])
	})
	return out
}

func (ct CreateTable) typeScenarios(op *contract.Op, v Variant, sch *openapi3.Schema) []Scenario {
	var out []Scenario
	for _, name := range sortedKeys(sch.Properties) {
		p := sch.Properties[name].Value
		bad := wrongType(p)
		if bad == nil {
			continue
		}
		out = append(out, Scenario{
			Derived:     true,
			ID:          fmt.Sprintf("%s/bad-request/type/%s/%s", ct.Surface, v.Label, name),
			Basis:       Spec,
			Requirement: fmt.Sprintf("%s %s with %s of the wrong JSON type gives 400.", ct.OpID, v.Label, name),
			Run: func(s *S) {
				body := ct.minimal(s, sch)
				body[name] = bad
				ct.create(s, op, body).Check(http.StatusBadRequest)
			},
		})
	}
	return out
}

func (ct CreateTable) defaultScenarios(op *contract.Op, v Variant, sch, resp *openapi3.Schema) []Scenario {
	var out []Scenario
	walkObject(sch, func(st site) {
		if st.InArray || st.Schema.Default == nil {
			return
		}
		def := st.Schema.Default
		out = append(out, Scenario{
			Derived:     true,
			ID:          fmt.Sprintf("%s/defaults/%s/%s", ct.Surface, v.Label, st.field()),
			Basis:       Spec,
			Requirement: fmt.Sprintf("%s %s without %s gives %s = %s.", ct.OpID, v.Label, st.field(), st.field(), DescribeJSON(def)),
			Run: func(s *S) {
				body := ct.minimal(s, sch)
				deletePointer(body, st.Pointer)
				r := ct.create(s, op, body).Expect(successStatus(op))
				got, ok := r.Field(st.Pointer)
				mustBeThere := ct.DefaultsPresent || (resp != nil && requiredAt(resp, st.Pointer))
				switch {
				case !ok && !mustBeThere:
					s.Observe("optional-field-absent", "%s absent from the response (allowed: the response schema does not require it)", st.Pointer)
				case !ok || !ContainsJSON(got, def):
					s.Errorf(r, "default "+st.Pointer, fmt.Sprintf("%s = %s", st.Pointer, DescribeJSON(def)), DescribeField(got, ok))
				}
			},
		})
	})
	return out
}
