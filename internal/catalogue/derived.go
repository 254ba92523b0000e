package catalogue

import (
	"encoding/json"
	"regexp"
	"strings"
)

// group is the derived scenarios that share an ID prefix (the ID minus its last segment).
type group struct {
	prefix  string
	entries []Entry
}

// groups collects a surface's scenarios of one derived table by ID prefix, in ID order.
func (c *Catalogue) groups(surface, table string, key func(Entry) string) []group {
	var out []group
	index := map[string]int{}
	for _, e := range c.Entries {
		if e.Surface != surface || e.Table != table {
			continue
		}
		k := key(e)
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, group{prefix: k})
		}
		out[i].entries = append(out[i].entries, e)
	}
	return out
}

func parent(e Entry) string { return e.ID[:strings.LastIndex(e.ID, "/")] }
func leaf(id string) string { return id[strings.LastIndex(id, "/")+1:] }

// firstWord is the operationId a create-table requirement starts with.
func firstWord(s string) string { w, _, _ := strings.Cut(s, " "); return w }

func (c *Catalogue) writeDerived(w func(string, ...any), surface string) {
	n := 0
	for _, e := range c.Entries {
		if e.Surface == surface && e.Derived() {
			n++
		}
	}
	if n == 0 {
		return
	}
	w("### Derived from the spec (%d)\n\n", n)
	w("These scenarios are generated from the spec, so they follow it when it changes: from the request\n")
	w("schema of each create operation (enums, required fields, JSON types, defaults; basis `spec`) and\n")
	w("from the list of operations (authentication and permissions; basis `assumed`). One row stands for\n")
	w("every scenario its ID pattern names.\n\n")
	c.writeEnums(w, surface)
	c.writeFieldLists(w, surface, TableRequired, "Required fields",
		"A create without any one of these fields gives 400.")
	c.writeFieldLists(w, surface, TableType, "JSON types",
		"A create with one of these top-level fields of the wrong JSON type gives 400.")
	c.writeDefaults(w, surface)
	c.writePermissions(w, surface)
	for _, g := range c.groups(surface, TableMissing, parent) {
		for _, e := range g.entries {
			w("- `%s`: %s\n", e.ID, cell(e.Requirement))
		}
		w("\n")
	}
}

// unquoteList shows a JSON array of strings as a plain comma list.
func unquoteList(v string) string {
	var items []string
	if err := json.Unmarshal([]byte(v), &items); err != nil {
		return v
	}
	return strings.Join(items, ", ")
}

var echoed = regexp.MustCompile(` = (.*) and echoes it\.$`)

func (c *Catalogue) writeEnums(w func(string, ...any), surface string) {
	gs := c.groups(surface, TableEnums, parent)
	if len(gs) == 0 {
		return
	}
	w("#### Enums\n\nEach listed value is accepted on create and echoed when the response shows the field; a value\n")
	w("outside the enum gives 400.\n\n| ID pattern | operation | values accepted | outside the enum → 400 |\n|---|---|---|---|\n")
	for _, g := range gs {
		var values []string
		invalid := "—"
		for _, e := range g.entries {
			if leaf(e.ID) == "invalid" {
				invalid = "yes"
				continue
			}
			v := leaf(e.ID)
			if m := echoed.FindStringSubmatch(e.Requirement); m != nil {
				v = m[1]
			}
			if leaf(e.ID) == "all-values" {
				v = "all at once: " + unquoteList(v)
			}
			values = append(values, v)
		}
		w("| `%s/*` | `%s` | %s | %s |\n", g.prefix, firstWord(g.entries[0].Requirement), cell(strings.Join(values, ", ")), invalid)
	}
	w("\n")
}

func (c *Catalogue) writeFieldLists(w func(string, ...any), surface, table, title, rule string) {
	gs := c.groups(surface, table, parent)
	if len(gs) == 0 {
		return
	}
	w("#### %s\n\n%s\n\n| ID pattern | operation | fields |\n|---|---|---|\n", title, rule)
	for _, g := range gs {
		var fields []string
		for _, e := range g.entries {
			fields = append(fields, leaf(e.ID))
		}
		w("| `%s/*` | `%s` | %s |\n", g.prefix, firstWord(g.entries[0].Requirement), codeList(fields))
	}
	w("\n")
}

func (c *Catalogue) writeDefaults(w func(string, ...any), surface string) {
	gs := c.groups(surface, TableDefaults, parent)
	if len(gs) == 0 {
		return
	}
	w("#### Defaults\n\nA create that omits the field gets the default (where the response may leave the field out,\n")
	w("a value shown must equal it).\n\n| ID pattern | operation | field = default |\n|---|---|---|\n")
	for _, g := range gs {
		var pairs []string
		for _, e := range g.entries {
			f := leaf(e.ID)
			pair := "`" + f + "`"
			if _, v, ok := strings.Cut(e.Requirement, " gives "+f+" = "); ok {
				pair += " = " + strings.TrimSuffix(v, ".")
			}
			pairs = append(pairs, pair)
		}
		w("| `%s/*` | `%s` | %s |\n", g.prefix, firstWord(g.entries[0].Requirement), cell(strings.Join(pairs, "; ")))
	}
	w("\n")
}

var givesStatus = regexp.MustCompile(`gives (\d{3})`)

// permKinds are the columns of the permission table: the ID segment and its heading.
var permKinds = [][2]string{{"no-token", "no token"}, {"bad-token", "unknown token"},
	{"no-permission", "token without permission"}, {"read-only", "read-only token"}}

func (c *Catalogue) writePermissions(w func(string, ...any), surface string) {
	gs := c.groups(surface, TablePermissions, func(e Entry) string { return leaf(e.ID) })
	if len(gs) == 0 {
		return
	}
	w("#### Authentication and permissions\n\nEvery operation, called on a resource the main role may act on: `%s/permissions/<kind>/<operationId>`.\n", surface)
	w("A cell is the expected answer; 401 answers carry a Bearer challenge.\n\n| operation | method | path |")
	for _, k := range permKinds {
		w(" %s |", k[1])
	}
	w("\n|---|---|---|---|---|---|---|\n")
	for _, g := range gs {
		op, _ := c.operation(surface, g.prefix)
		w("| `%s` | %s | `%s` |", g.prefix, op.Method, op.Path)
		for _, k := range permKinds {
			w(" %s |", permCell(g.entries, surface+"/permissions/"+k[0]+"/"+g.prefix))
		}
		w("\n")
	}
	w("\n")
}

func permCell(entries []Entry, id string) string {
	for _, e := range entries {
		if e.ID != id {
			continue
		}
		if m := givesStatus.FindStringSubmatch(e.Requirement); m != nil {
			return m[1]
		}
		return "succeeds"
	}
	return "—"
}
