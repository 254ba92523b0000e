package pipeline

import "context"

// Purpose says why the suite sent a request; the transcript groups exchanges by it.
type Purpose string

// The request paths of a run (docs/results-format.md §2).
const (
	PurposeScenario  Purpose = "scenario"  // a step of a scenario
	PurposeCleanup   Purpose = "cleanup"   // deleting what a scenario created
	PurposePreflight Purpose = "preflight" // the checks before any scenario runs
	PurposeToken     Purpose = "token"     // a token request (client credentials)
	PurposeSweep     Purpose = "sweep"     // cmd/sweep listing or deleting leftovers
)

// Exchange describes one request for the pipeline: who sends it (Role, for the auth layer) and
// what the transcript says about it. Callers attach it with WithExchange.
type Exchange struct {
	Purpose      Purpose
	Scenario     string // scenario ID; "" outside a scenario
	Role         string // whose token to send; "": none (unless the request sets Authorization)
	Operation    string // operationId from the spec; "" when unknown
	PathTemplate string // e.g. /v1/clients/{client_id}; "" when unknown
}

type exchangeKey struct{}

// WithExchange returns ctx carrying x; requests built with it are authorised and recorded as x.
func WithExchange(ctx context.Context, x Exchange) context.Context {
	return context.WithValue(ctx, exchangeKey{}, x)
}

// ExchangeOf returns the exchange ctx carries (the zero Exchange when none).
func ExchangeOf(ctx context.Context) Exchange {
	x, _ := ctx.Value(exchangeKey{}).(Exchange)
	return x
}
