package auth0

import (
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clientconf/clientconf/reference/faults"
	"github.com/clientconf/clientconf/reference/specdoc"
)

// Fault switches of issue 12 (paging as a client walks it, server-generated fields sent as input,
// nullable fields, the secret tier of read:client_credentials). Each bends one rule at one place.
const (
	faultDefaultPerPage20       = "auth0/pagination/default-page-size-20"
	faultBarePagesSkipOne       = "auth0/pagination/bare-pages-skip-one"
	faultTotalOneMore           = "auth0/pagination/total-one-more"
	faultTenantFromInput        = "auth0/bad-request/tenant-taken-from-input"
	faultNullStoredAsString     = "auth0/crud/patch-null-stored-as-string"
	faultCredentialsScopeNoKeys = "auth0/permissions/client-credentials-scope-hides-secret"
)

func issue12Faults() []faults.Info {
	return []faults.Info{
		info(faultDefaultPerPage20, "pagination", "Without per_page, GET /clients pages by 20 instead of 50."),
		info(faultBarePagesSkipOne, "pagination", "Without include_totals, each page after the first starts one client late, so walking the pages misses clients."),
		info(faultTotalOneMore, "pagination", "include_totals reports one client more than the list holds."),
		info(faultTenantFromInput, "bad-request", "POST and PATCH /clients accept tenant (a response-only field) and store the sent value instead of answering 400."),
		info(faultNullStoredAsString, "crud", `PATCH with null for a nullable field stores the string "null" instead of clearing it.`),
		info(faultCredentialsScopeNoKeys, "permissions", "Reads by a token with read:client_credentials but no read:client_keys leave out client_secret and the other secret-tier fields."),
	}
}

// issue12SchemaFaults are the issue-12 faults that live in the spec.
func issue12SchemaFaults() map[string][]specdoc.Patch {
	return map[string][]specdoc.Patch{
		faultTenantFromInput: {specdoc.Component("ClientCreate", acceptTenant), specdoc.Component("ClientUpdate", acceptTenant)},
	}
}

// acceptTenant lets a request body carry tenant, which is then stored over the server's value.
func acceptTenant(s *openapi3.Schema) { s.Properties["tenant"] = openapi3.NewStringSchema().NewRef() }

// pageSize is the page size of GET /clients when per_page is omitted.
func (s *server) pageSize() int {
	if s.faults.On(faultDefaultPerPage20) {
		return 20
	}
	return defaultPerPage
}

// pageStart is where a page of the matching clients starts.
func (s *server) pageStart(q listQuery) int {
	start := q.page * q.perPage
	if s.faults.On(faultPagesOverlap) && start > 0 {
		start-- // off by one: each page repeats the previous page's last client
	}
	if s.faults.On(faultBarePagesSkipOne) && start > 0 && !q.includeTotals {
		start += q.page // each later page skips one more client
	}
	return start
}

// reportedTotal is the total include_totals reports for a list of n matching clients.
func (s *server) reportedTotal(n, pageLen int) int {
	switch {
	case s.faults.On(faultTotalIsPageLength):
		return pageLen
	case s.faults.On(faultTotalOneMore):
		return n + 1
	}
	return n
}

// nullPatched is the value stored for a PATCH that sends null.
func (s *server) nullPatched() any {
	if s.faults.On(faultNullStoredAsString) {
		return "null"
	}
	return nil
}
