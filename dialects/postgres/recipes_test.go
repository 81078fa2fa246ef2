package postgres

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// formatActions writes the changes of a case and their actions (in plan
// order) as stable text for golden files.
func formatActions(changes []schema.Change, actions []dialects.Action) string {
	var b strings.Builder
	for _, c := range changes {
		fmt.Fprintf(&b, "change: %s %s\n", c.Kind(), c.Object())
	}
	for i, a := range actions {
		table := "-"
		if a.Table != nil {
			table = a.Table.String()
		}
		fmt.Fprintf(&b, "\naction %d: %s\n  phase: %s\n  transactional: %v\n  lock: %s\n  lock_note: %s\n", i+1, a.Summary, a.Phase, a.Transactional, a.Lock, a.LockNote)
		fmt.Fprintf(&b, "  rewrites: %v  scans: %v  long_running: %v  irreversible: %v\n  table: %s\n", a.Rewrites, a.Scans, a.LongRunning, a.Irreversible, table)
		b.WriteString("  statements:\n")
		for _, s := range a.Statements {
			fmt.Fprintf(&b, "    %s;\n", s)
		}
		b.WriteString("  rollback:\n")
		for _, s := range a.Rollback {
			fmt.Fprintf(&b, "    %s;\n", s)
		}
		b.WriteString("  hazards:\n")
		for _, h := range a.Hazards {
			fmt.Fprintf(&b, "    %s: %s\n", h.Code, h.Message)
		}
		if len(a.Preflight) > 0 {
			b.WriteString("  preflight:\n")
			for _, p := range a.Preflight {
				fmt.Fprintf(&b, "    %s (%s): %s\n", p.Kind, p.Description, p.SQL)
				if p.SampleSQL != "" {
					fmt.Fprintf(&b, "      sample: %s\n", p.SampleSQL)
				}
			}
		}
	}
	return b.String()
}

func TestRecipeGolden(t *testing.T) {
	for _, tc := range recipeCases() {
		t.Run(tc.name, func(t *testing.T) {
			actions, err := caseActions(tc)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "recipes/"+tc.name+".golden", formatActions(tc.changes(), actions))
		})
	}
}

// TestRecipeInvariants checks what must hold for every case whatever the
// golden files say: removals run in the contract (the drop half of a
// replacement has no action of its own); the only other contract actions
// are the swaps of replacements; an action either has rollback SQL or is
// irreversible; a step that reads or rewrites the table asks for the long
// timeout; CONCURRENTLY never runs in a transaction, and an index on an
// existing table is always built CONCURRENTLY except on PostgreSQL
// 14.0–14.3; a constraint on an existing table is added NOT VALID.
func TestRecipeInvariants(t *testing.T) {
	contract := map[string]bool{"drop_table": true, "drop_column": true, "drop_index": true, "drop_check": true,
		"drop_unique": true, "drop_foreign_key": true, "drop_primary_key": true, "drop_enum": true,
		"drop_sequence": true, "drop_view": true, "drop_schema": true}
	for _, tc := range recipeCases() {
		env := recipeEnv(tc)
		for _, c := range tc.changes() {
			actions, err := Dialect{}.Recipe(c, env)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			replacementDrop := contract[c.Kind()] && strings.HasPrefix(tc.name, "replace_")
			if replacementDrop && len(actions) != 0 {
				t.Errorf("%s: the drop half of a replacement has %d actions, want none (the add swaps)", tc.name, len(actions))
			}
			for _, a := range actions {
				dv, before := c.(schema.DropView)
				switch {
				case contract[c.Kind()] && !(before && dv.BeforeChange):
					if a.Phase != dialects.PhaseContract && c.Kind() != "drop_primary_key" && c.Kind() != "drop_unique" {
						t.Errorf("%s: %s in phase %s, want contract", tc.name, c.Kind(), a.Phase)
					}
				case a.Phase == dialects.PhaseContract:
					// Besides swaps, an expand/contract recipe ends by dropping
					// what only the migration needed (a trigger, the old
					// column, a view under a table's old name).
					// A foreign key rebuilt around a replaced key is added
					// again right after the key's swap.
					if !strings.HasPrefix(a.Summary, "swap ") && !strings.HasPrefix(a.Summary, "drop ") && !strings.HasPrefix(a.Summary, "re-") {
						t.Errorf("%s: %s has a contract action %q that is not a swap", tc.name, c.Kind(), a.Summary)
					}
				}
				if len(a.Statements) == 0 || a.Summary == "" {
					t.Errorf("%s: empty statements or summary", tc.name)
				}
				if a.Irreversible == (len(a.Rollback) > 0) {
					t.Errorf("%s: irreversible=%v with %d rollback statements", tc.name, a.Irreversible, len(a.Rollback))
				}
				if _, ok := lockRank[a.Lock]; !ok {
					t.Errorf("%s: lock %q is not a PostgreSQL lock mode", tc.name, a.Lock)
				}
				if (a.Scans || a.Rewrites) && !a.LongRunning {
					t.Errorf("%s: %q reads the table but is not LongRunning", tc.name, a.Summary)
				}
				for _, h := range a.Hazards {
					if h.Message == "" || strings.Contains(h.Message, "\n") {
						t.Errorf("%s: hazard %s needs a one-line message", tc.name, h.Code)
					}
				}
				existing := !env.NewTables[tableOf(c)]
				pg14broken := env.Version.Major == 14 && env.Version.Minor < 4
				for _, st := range append(append([]string{}, a.Statements...), a.Rollback...) {
					if strings.Contains(st, "CONCURRENTLY") && a.Transactional {
						t.Errorf("%s: %q runs CONCURRENTLY inside a transaction", tc.name, st)
					}
				}
				for _, st := range a.Statements {
					if existing && !pg14broken && strings.HasPrefix(st, "CREATE ") && strings.Contains(st, "INDEX ") && !strings.Contains(st, "CONCURRENTLY") {
						t.Errorf("%s: %q builds an index on an existing table without CONCURRENTLY", tc.name, st)
					}
					if existing && strings.Contains(st, " ADD CONSTRAINT ") && (strings.Contains(st, " CHECK (") || strings.Contains(st, " FOREIGN KEY ")) &&
						!strings.HasSuffix(st, " NOT VALID") {
						t.Errorf("%s: %q adds a constraint to an existing table without NOT VALID", tc.name, st)
					}
				}
			}
		}
	}
}

// tableOf returns the table a change is about ("" name when none).
func tableOf(c schema.Change) schema.QName {
	switch c := c.(type) {
	case schema.AddIndex:
		return c.T.QName()
	case schema.AddCheck:
		return c.T.QName()
	case schema.AddForeignKey:
		return c.T.QName()
	case schema.AddUnique:
		return c.T.QName()
	case schema.AddPrimaryKey:
		return c.T.QName()
	case schema.AlterColumn:
		return c.T.QName()
	case schema.AddColumn:
		return c.T.QName()
	case schema.AddTable:
		return c.T.QName()
	}
	return schema.QName{}
}

// TestRecipeCoversEveryKind fails when a change kind has no golden case.
func TestRecipeCoversEveryKind(t *testing.T) {
	all := []schema.Change{
		schema.AddNamespace{}, schema.DropNamespace{}, schema.SetNamespaceComment{}, schema.AddTable{}, schema.DropTable{},
		schema.RenameTable{}, schema.SetTableComment{}, schema.AddColumn{}, schema.DropColumn{}, schema.RenameColumn{},
		schema.AlterColumn{}, schema.AddPrimaryKey{}, schema.DropPrimaryKey{}, schema.AddUnique{}, schema.DropUnique{},
		schema.AddCheck{}, schema.DropCheck{}, schema.AddForeignKey{}, schema.DropForeignKey{}, schema.AddIndex{},
		schema.DropIndex{}, schema.RenameIndex{}, schema.RenameConstraint{}, schema.AddEnum{}, schema.DropEnum{},
		schema.AddEnumValue{}, schema.ReplaceEnum{}, schema.AddSequence{}, schema.DropSequence{}, schema.AlterSequence{},
		schema.AddView{}, schema.DropView{}, schema.SetViewComment{},
	}
	covered := map[string]bool{}
	var bits schema.ColumnChange
	for _, tc := range recipeCases() {
		covered[tc.change.Kind()] = true
		if ac, ok := tc.change.(schema.AlterColumn); ok {
			bits |= ac.Changes
		}
	}
	var missing []string
	for _, c := range all {
		if !covered[c.Kind()] {
			missing = append(missing, c.Kind())
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("no recipe case for %v", missing)
	}
	// ChangeAttrs is an error on PostgreSQL (see TestRecipeErrors).
	if want := schema.ChangeType | schema.ChangeNull | schema.ChangeDefault | schema.ChangeIdentity | schema.ChangeGenerated |
		schema.ChangeCollation | schema.ChangeComment; bits != want {
		t.Errorf("alter_column cases cover %s, want %s", bits, want)
	}
}

type unknownChange struct{}

func (unknownChange) Kind() string   { return "teleport_table" }
func (unknownChange) Object() string { return "public.t" }

func TestRecipeErrors(t *testing.T) {
	users := fxTable("users")
	tests := []struct {
		name   string
		change schema.Change
		want   string
	}{
		{"table attrs", schema.SetTableAttrs{From: users, To: &schema.Table{Schema: "public", Name: "users", Attrs: map[string]string{"engine": "x"}}},
			"table public.users: PostgreSQL has no table options (engine)"},
		{"column attrs", alter("users", "name", schema.ChangeAttrs, func(c *schema.Column) { c.Attrs = map[string]string{"unsigned": "true"} }),
			"column public.users.name: PostgreSQL has no column options (unsigned)"},
		{"to serial", alter("users", "score", schema.ChangeType, func(c *schema.Column) { c.Type = "serial" }),
			"column public.users.score: changing the type from integer to serial is not supported"},
		{"unknown", unknownChange{}, `no recipe for change "teleport_table" on public.t`},
		{"nil", nil, "no recipe for a nil change"},
		{"empty alter", alter("users", "name", 0, func(*schema.Column) {}), "alter_column with no change"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Dialect{}.Recipe(tc.change, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}
