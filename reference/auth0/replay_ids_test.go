package auth0

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// learnIDs maps the client and credential ids of a recorded answer onto the reference's: of a
// client or credential, of the credentials a create defined inline, of a credentials list
// (position by position) and of a clients page (the global client, and clients by name).
func learnIDs(ids map[string]string, recorded string, ours []byte) {
	var rec, got any
	if json.Unmarshal([]byte(recorded), &rec) != nil || json.Unmarshal(ours, &got) != nil {
		return
	}
	switch rv := rec.(type) {
	case []any: // credentials list: Auth0's order varies (mostly newest first), so match by content
		gv, _ := got.([]any)
		for _, r := range rv {
			var match any
			for _, g := range gv {
				if credentialKey(r) == credentialKey(g) {
					if match != nil {
						match = nil // ambiguous
						break
					}
					match = g
				}
			}
			if match != nil {
				learnObject(ids, r, match)
			}
		}
	case map[string]any:
		gv, _ := got.(map[string]any)
		if clients, ok := rv["clients"].([]any); ok {
			ours, _ := gv["clients"].([]any)
			learnPage(ids, clients, ours)
			return
		}
		learnObject(ids, rv, gv)
	}
}

func learnObject(ids map[string]string, rec, got any) {
	rm, _ := rec.(map[string]any)
	gm, _ := got.(map[string]any)
	if rm == nil || gm == nil {
		return
	}
	for _, key := range []string{"client_id", "id"} {
		if r, ok := rm[key].(string); ok && r != "" {
			if g, ok := gm[key].(string); ok && g != "" && ids[r] == "" {
				ids[r] = g
			}
		}
	}
	// Credentials defined inline on create.
	methods, _ := rm["client_authentication_methods"].(map[string]any)
	ourMethods, _ := gm["client_authentication_methods"].(map[string]any)
	for method, rv := range methods {
		rc, _ := rv.(map[string]any)["credentials"].([]any)
		gv, _ := ourMethods[method].(map[string]any)
		gc, _ := gv["credentials"].([]any)
		for i := range min(len(rc), len(gc)) {
			learnObject(ids, rc[i], gc[i])
		}
	}
}

// learnPage maps the clients of a recorded page that the replay has not seen: the global client
// (one per tenant) and clients whose name is unique on both pages.
func learnPage(ids map[string]string, rec, ours []any) {
	byName := func(list []any) map[string][]map[string]any {
		out := map[string][]map[string]any{}
		for _, c := range list {
			m, _ := c.(map[string]any)
			if m == nil {
				continue
			}
			key, _ := m["name"].(string)
			if m["global"] == true || (key == "" && len(list) == 1) {
				key = "\x00global"
			}
			out[key] = append(out[key], m)
		}
		return out
	}
	recBy, ourBy := byName(rec), byName(ours)
	for name, rs := range recBy {
		os := ourBy[name]
		if len(rs) != 1 || len(os) != 1 || name == "" {
			continue
		}
		r, _ := rs[0]["client_id"].(string)
		o, _ := os[0]["client_id"].(string)
		if r != "" && o != "" && ids[r] == "" {
			ids[r] = o
		}
	}
}

// replayStats are the figures of one set.
type replayStats struct {
	total, replayed, statusMatch, shapeMatch int
	notReplayed, notComparable               map[string]int
	rejected                                 map[string]string // key → the reference's message
	statusMismatches, shapeMismatches        []string
}

func newReplayStats() *replayStats {
	return &replayStats{notReplayed: map[string]int{}, notComparable: map[string]int{}, rejected: map[string]string{}}
}

func (s *replayStats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "total %d / replayed %d / status match %d / shape match %d; rejected by request validation %d\n",
		s.total, s.replayed, s.statusMatch, s.shapeMatch, len(s.rejected))
	section := func(title string, m map[string]int) {
		keys := make([]string, 0, len(m))
		n := 0
		for k, v := range m {
			keys = append(keys, k)
			n += v
		}
		sort.Strings(keys)
		fmt.Fprintf(&b, "%s: %d\n", title, n)
		for _, k := range keys {
			fmt.Fprintf(&b, "  %4d %s\n", m[k], k)
		}
	}
	section("not replayed", s.notReplayed)
	section("not comparable", s.notComparable)
	keys := make([]string, 0, len(s.rejected))
	for k := range s.rejected {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "  rejected %s: %s\n", k, s.rejected[k])
	}
	for _, m := range s.statusMismatches {
		fmt.Fprintf(&b, "  STATUS %s\n", m)
	}
	for _, m := range s.shapeMismatches {
		fmt.Fprintf(&b, "  SHAPE %s\n", m)
	}
	return b.String()
}

// pairPage keeps, of a recorded clients page and ours, the clients both hold (recorded ids
// mapped), in the same order, so items are compared with their counterpart: the recorded
// tenant held clients the replay never made.
func pairPage(rec, ours any, ids map[string]string) (any, any) {
	items := func(v any) (map[string]any, []any) {
		if m, ok := v.(map[string]any); ok {
			list, _ := m["clients"].([]any)
			return m, list
		}
		list, _ := v.([]any)
		return nil, list
	}
	recEnv, recList := items(rec)
	ourEnv, ourList := items(ours)
	byID := map[string]any{}
	for _, c := range ourList {
		if m, ok := c.(map[string]any); ok {
			id, _ := m["client_id"].(string)
			byID[id] = c
		}
	}
	pairedRec, pairedOurs := []any{}, []any{}
	for _, c := range recList {
		m, _ := c.(map[string]any)
		id, _ := m["client_id"].(string)
		if o, ok := byID[ids[id]]; ok && ids[id] != "" {
			pairedRec, pairedOurs = append(pairedRec, c), append(pairedOurs, o)
		}
	}
	wrap := func(env map[string]any, list []any) any {
		if env == nil {
			return list
		}
		out := cloneMap(env)
		out["clients"] = list
		return out
	}
	return wrap(recEnv, pairedRec), wrap(ourEnv, pairedOurs)
}

// credentialKey identifies a credential by what the request chose: type, name, key id.
func credentialKey(v any) string {
	m, _ := v.(map[string]any)
	return fmt.Sprint(m["credential_type"], "|", m["name"], "|", m["kid"], "|", m["subject_dn"])
}

// pairCredentials keeps, of a recorded credentials list and ours, the credentials both hold
// (recorded ids mapped), in the same order.
func pairCredentials(rec, ours any, ids map[string]string) (any, any) {
	rl, _ := rec.([]any)
	ol, _ := ours.([]any)
	byID := map[string]any{}
	for _, c := range ol {
		m, _ := c.(map[string]any)
		id, _ := m["id"].(string)
		byID[id] = c
	}
	pr, po := []any{}, []any{}
	for _, c := range rl {
		m, _ := c.(map[string]any)
		id, _ := m["id"].(string)
		if o, ok := byID[ids[id]]; ok && ids[id] != "" {
			pr, po = append(pr, c), append(po, o)
		}
	}
	return pr, po
}
