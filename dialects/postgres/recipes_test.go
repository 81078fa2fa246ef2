package postgres

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// formatActions writes actions as stable text for golden files.
func formatActions(c schema.Change, actions []dialects.Action) string {
	var b strings.Builder
	fmt.Fprintf(&b, "change: %s %s\n", c.Kind(), c.Object())
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
	}
	return b.String()
}

func TestRecipeGolden(t *testing.T) {
	for _, tc := range recipeCases() {
		t.Run(tc.name, func(t *testing.T) {
			actions, err := Dialect{}.Recipe(tc.change, recipeEnv(tc))
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "recipes/"+tc.name+".golden", formatActions(tc.change, actions))
		})
	}
}

// TestRecipeInvariants checks what must hold for every case whatever the
// golden files say: removals are contract, everything else expand; an action
// either has rollback SQL or is irreversible; a data-loss hazard is present
// exactly for the destructive kinds.
func TestRecipeInvariants(t *testing.T) {
	contract := map[string]bool{"drop_table": true, "drop_column": true, "drop_index": true, "drop_check": true,
		"drop_unique": true, "drop_foreign_key": true, "drop_primary_key": true, "drop_enum": true,
		"drop_sequence": true, "drop_view": true, "drop_schema": true}
	for _, tc := range recipeCases() {
		actions, err := Dialect{}.Recipe(tc.change, recipeEnv(tc))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for _, a := range actions {
			want := dialects.PhaseExpand
			if dv, ok := tc.change.(schema.DropView); contract[tc.change.Kind()] && !(ok && dv.BeforeChange) && !strings.HasPrefix(tc.name, "replace_") {
				want = dialects.PhaseContract
			}
			if a.Phase != want {
				t.Errorf("%s: phase %s, want %s", tc.name, a.Phase, want)
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
			for _, h := range a.Hazards {
				if h.Message == "" || strings.Contains(h.Message, "\n") {
					t.Errorf("%s: hazard %s needs a one-line message", tc.name, h.Code)
				}
			}
		}
	}
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
