package planner

import (
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// envRecorder is the fake dialect that also keeps the Env its recipes saw.
type envRecorder struct {
	fakeDialect
	seen *dialects.Env
}

func (e *envRecorder) Recipe(c schema.Change, env *dialects.Env) ([]dialects.Action, error) {
	e.seen = env
	return e.fakeDialect.Recipe(c, env)
}

// TestBuildEnvRenamedTables checks that recipes see, for each table the plan
// renames, its current name under its desired one (how a recipe on the
// renamed table finds the index or constraint it replaces).
func TestBuildEnvRenamedTables(t *testing.T) {
	tests := []struct {
		name    string
		changes []schema.Change
		want    map[schema.QName]schema.QName
	}{
		{"rename", []schema.Change{schema.RenameTable{From: &schema.Table{Schema: "public", Name: "members"}, To: &schema.Table{Schema: "app", Name: "people"}}},
			map[schema.QName]schema.QName{{Schema: "app", Name: "people"}: {Schema: "public", Name: "members"}}},
		{"no rename", []schema.Change{schema.SetTableComment{From: &schema.Table{Schema: "public", Name: "t"}, To: &schema.Table{Schema: "public", Name: "t", Comment: "c"}}},
			map[schema.QName]schema.QName{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &envRecorder{}
			if _, err := Build(tc.changes, nil, nil, d, Options{}); err != nil {
				t.Fatal(err)
			}
			if d.seen == nil {
				t.Fatal("the recipe was not called")
			}
			got := d.seen.RenamedTables
			if len(got) != len(tc.want) {
				t.Fatalf("RenamedTables = %v, want %v", got, tc.want)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("RenamedTables[%s] = %s, want %s", k, got[k], v)
				}
			}
		})
	}
}

// TestBuildEnvBatchSize checks that recipes see the plan's batch size (the
// default when the options give none), so that the batched loops they write
// use it.
func TestBuildEnvBatchSize(t *testing.T) {
	for _, tc := range []struct {
		opts Options
		want int
	}{{Options{}, DefaultBatchSize}, {Options{BatchSize: 321}, 321}} {
		d := &envRecorder{}
		changes := []schema.Change{schema.AddColumn{T: tbl("t"), C: col("c", "int")}}
		if _, err := Build(changes, sch(tbl("t")), nil, d, tc.opts); err != nil {
			t.Fatal(err)
		}
		if d.seen == nil || d.seen.BatchSize != tc.want {
			t.Errorf("options %+v: the recipe saw %+v, want batch size %d", tc.opts, d.seen, tc.want)
		}
	}
}
