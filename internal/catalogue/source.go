package catalogue

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/reftarget"
)

// This file is the only one that reads the suite's scenario declarations and specs. When the
// conformance package's scenario API moves, re-point declared and nothing else.

// declared lists every scenario of every surface, the operations of each surface's spec, and
// which operations each scenario exercises against the embedded reference server.
func declared(ctx context.Context) ([]Entry, map[string][]Operation, error) {
	su, err := conformance.NewSuite(Surfaces...)
	if err != nil {
		return nil, nil, fmt.Errorf("load the suite: %w", err)
	}
	specs, err := loadSpecs()
	if err != nil {
		return nil, nil, err
	}
	var entries []Entry
	ops := map[string][]Operation{}
	for _, surface := range Surfaces {
		for _, sc := range su.Scenarios(surface) {
			entries = append(entries, Entry{ID: sc.ID, Surface: sc.Surface(), Category: sc.Category(),
				Basis: string(sc.Basis), Requirement: sc.Requirement, Table: tableOf(sc)})
		}
		for _, op := range specs[surface].Ops() {
			ops[surface] = append(ops[surface], Operation{ID: op.ID, Method: op.Method, Path: op.Path})
		}
	}
	used, err := exercised(ctx, su, specs)
	if err != nil {
		return nil, nil, err
	}
	for i := range entries {
		entries[i].Ops = used[entries[i].ID]
	}
	return entries, ops, nil
}

// tableOf names the spec-derived table a scenario comes from, "" for a hand-written one. The
// declarations carry no such field yet, so it is read from the function that built Run.
func tableOf(sc conformance.Scenario) string {
	name := runtime.FuncForPC(reflect.ValueOf(sc.Run).Pointer()).Name()
	for marker, table := range map[string]string{
		".CreateTable.enumCase.":          TableEnums,
		".CreateTable.requiredScenarios.": TableRequired,
		".CreateTable.typeScenarios.":     TableType,
		".CreateTable.defaultScenarios.":  TableDefaults,
		".PermTable.scenario.":            TablePermissions,
		".missingOp.":                     TableMissing,
	} {
		if strings.Contains(name, marker) {
			return table
		}
	}
	return ""
}

// exercised runs every scenario once, one at a time, against a fresh embedded reference server
// and returns, per scenario ID, the spec operations its requests hit, in order of first use.
// Cleanup deletes are not scenario requests and are not counted.
func exercised(ctx context.Context, su *conformance.Suite, specs map[string]*contract.Spec) (map[string][]string, error) {
	dir, err := os.MkdirTemp("", "docgen-")
	if err != nil {
		return nil, fmt.Errorf("transcript dir: %w", err)
	}
	defer os.RemoveAll(dir)
	var cleanups []func()
	defer func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			cleanups[i]()
		}
	}()
	target, err := reftarget.Start(func(f func()) { cleanups = append(cleanups, f) }, reftarget.Options{})
	if err != nil {
		return nil, fmt.Errorf("start the reference server: %w", err)
	}
	target.Concurrency = 1 // one scenario at a time: shared lookups land on the same scenario every run
	target.Transcript = filepath.Join(dir, "transcript.jsonl")
	if _, err := su.Collect(ctx, target, nil); err != nil {
		return nil, fmt.Errorf("run the suite against the reference server: %w", err)
	}
	f, err := os.Open(target.Transcript)
	if err != nil {
		return nil, fmt.Errorf("read the transcript: %w", err)
	}
	defer f.Close()
	used := map[string][]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var line struct{ Scenario, Purpose, Method, URL string }
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return nil, fmt.Errorf("transcript line: %w", err)
		}
		if line.Purpose != "" && line.Purpose != "scenario" {
			continue // cleanup deletes and preflight reads are not what a scenario is about
		}
		surface, _, _ := strings.Cut(line.Scenario, "/")
		spec := specs[surface]
		rel, ok := strings.CutPrefix(line.URL, target.BaseURLs[surface])
		if spec == nil || !ok {
			continue
		}
		rel, _, _ = strings.Cut(rel, "?")
		if op, _, _ := spec.Route(line.Method, rel); op != nil && !contains(used[line.Scenario], op.ID) {
			used[line.Scenario] = append(used[line.Scenario], op.ID)
		}
	}
	return used, sc.Err()
}

// loadSpecs loads each surface's spec the way the engine does.
func loadSpecs() (map[string]*contract.Spec, error) {
	specs := map[string]*contract.Spec{}
	for _, surface := range Surfaces {
		spec, err := contract.Load(surface)
		if err != nil {
			return nil, fmt.Errorf("load the %s spec: %w", surface, err)
		}
		specs[surface] = spec
	}
	return specs, nil
}
