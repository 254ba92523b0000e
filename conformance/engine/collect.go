package engine

// Collection is a run through CollectRun: every scenario's result and the run-level facts
// that Run logs on TestConformance (target, surfaces, run prefix, cleanup), so a caller
// without `go test` can write the same reports.
type Collection struct {
	Results  []Result
	Target   string   // the target's name
	Surfaces []string // the surfaces run, in report order
	Prefix   string   // the run's name prefix (cmd sweep -prefix)
	Created  int      // resources the run created
	// Leftovers are the resources the run could not delete, one line each.
	Leftovers []string
}

// collection reads the run's facts once every scenario and its cleanups are done.
func (e *env) collection(target Target, rs []Result) *Collection {
	e.ledger.mu.Lock()
	defer e.ledger.mu.Unlock()
	return &Collection{Results: rs, Target: target.Name, Surfaces: e.suite.surfacesOf(target), Prefix: e.prefix,
		Created: e.ledger.created, Leftovers: append([]string(nil), e.ledger.leftovers...)}
}
