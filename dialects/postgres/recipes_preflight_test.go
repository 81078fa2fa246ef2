package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// preflightCase is a plan that renames tables or columns and has steps with
// pre-flight checks on them.
type preflightCase struct {
	name string
	// desired edits a copy of the fixture into the desired schema.
	desired func(s *schema.Schema)
	renamed map[schema.QName]schema.QName
	// change is the step whose checks are tested, built on the desired schema.
	change func(des *schema.Schema) schema.Change
	// want and notWant are substrings every check must (not) contain;
	// wantSample the sample queries must contain.
	want, notWant, wantSample []string
	// deferred checks cannot run before the plan (they name a column it adds).
	deferred bool
}

func preflightCases() []preflightCase {
	users, orders := schema.QName{Schema: "public", Name: "users"}, schema.QName{Schema: "public", Name: "orders"}
	people, purchases := schema.QName{Schema: "public", Name: "people"}, schema.QName{Schema: "public", Name: "purchases"}
	renameTable := func(s *schema.Schema, from, to schema.QName) *schema.Table {
		t := s.Table(from)
		t.Name, t.RenamedFrom = to.Name, from.Name
		for _, o := range s.Tables {
			for _, fk := range o.ForeignKeys {
				if fk.RefQName() == from {
					fk.RefTable = to.Name
				}
			}
		}
		return t
	}
	renameColumn := func(t *schema.Table, from, to string) {
		c := t.Column(from)
		c.Name, c.RenamedFrom = to, from
	}
	scoreChk := &schema.Check{Name: "users_score_max", Expr: "score < 1000"}
	return []preflightCase{
		{
			name: "check on a renamed table",
			desired: func(s *schema.Schema) {
				t := renameTable(s, users, people)
				t.Checks = append(t.Checks, scoreChk)
			},
			renamed: map[schema.QName]schema.QName{people: users},
			change:  func(des *schema.Schema) schema.Change { return schema.AddCheck{T: des.Table(people), C: scoreChk} },
			want:    []string{`FROM "public"."users"`}, notWant: []string{`"people"`},
			wantSample: []string{`SELECT "id", "score" FROM`},
		},
		{
			name: "foreign key between two renamed tables, on a renamed column",
			desired: func(s *schema.Schema) {
				renameTable(s, users, people)
				t := renameTable(s, orders, purchases)
				renameColumn(t, "user_id", "buyer_id")
				t.ForeignKeys[0].Columns = []string{"buyer_id"}
				t.ForeignKeys[0].Name = "purchases_buyer_fk"
			},
			renamed: map[schema.QName]schema.QName{people: users, purchases: orders},
			change: func(des *schema.Schema) schema.Change {
				return schema.AddForeignKey{T: des.Table(purchases), FK: des.Table(purchases).ForeignKeys[0]}
			},
			want:    []string{`FROM "public"."orders" AS c`, `FROM "public"."users" AS p`, `c."user_id"`},
			notWant: []string{`"people"`, `"purchases"`, `buyer_id`},
		},
		{
			name: "unique key on a renamed column of a renamed table",
			desired: func(s *schema.Schema) {
				t := renameTable(s, orders, purchases)
				renameColumn(t, "ref", "reference")
				t.Uniques = append(t.Uniques, &schema.Unique{Name: "purchases_reference_key", Columns: []string{"reference"}})
			},
			renamed: map[schema.QName]schema.QName{purchases: orders},
			change: func(des *schema.Schema) schema.Change {
				return schema.AddUnique{T: des.Table(purchases), U: des.Table(purchases).Uniques[0]}
			},
			want: []string{`FROM "public"."orders"`, `"ref"`}, notWant: []string{`"purchases"`, `reference`},
		},
		{
			// The sample's key is the table's key before the plan, spelled as
			// the desired state names it, then translated back.
			name: "NOT NULL on a table whose key column the plan renames",
			desired: func(s *schema.Schema) {
				t := s.Table(users)
				renameColumn(t, "id", "uid")
				t.PrimaryKey.Columns = []string{"uid"}
				t.Column("name").Nullable = false
			},
			change: func(des *schema.Schema) schema.Change {
				return schema.AlterColumn{T: des.Table(users), From: fixtureSchema().Table(users).Column("name"), To: des.Table(users).Column("name"), Changes: schema.ChangeNull}
			},
			want: []string{`FROM "public"."users"`, `"name" IS NULL`}, notWant: []string{`uid`},
			wantSample: []string{`SELECT "id", "name" FROM`},
		},
		{
			name: "a check naming a column the plan adds keeps the desired names",
			desired: func(s *schema.Schema) {
				t := renameTable(s, orders, purchases)
				t.Columns = append(t.Columns, &schema.Column{Name: "discount", Type: "integer", Nullable: true})
				t.Checks = append(t.Checks, &schema.Check{Name: "purchases_discount_chk", Expr: "discount >= 0"})
			},
			renamed: map[schema.QName]schema.QName{purchases: orders},
			change: func(des *schema.Schema) schema.Change {
				return schema.AddCheck{T: des.Table(purchases), C: des.Table(purchases).Checks[0]}
			},
			want: []string{`FROM "public"."purchases"`}, deferred: true,
		},
	}
}

// TestPreflightUsesCurrentNames checks that the pre-flight checks of a step
// on a renamed table (or column) name it as it is before the plan, and run
// on the fixture database as it is before the plan.
func TestPreflightUsesCurrentNames(t *testing.T) {
	create, err := Dialect{}.CreateSQL(fixtureSchema())
	if err != nil {
		t.Fatal(err)
	}
	conn := freshDB(t)
	if err := execAll(conn, append(append([]string{}, create...), fixtureData...)); err != nil {
		t.Fatalf("loading the fixture: %v", err)
	}
	for _, tc := range preflightCases() {
		t.Run(tc.name, func(t *testing.T) {
			des := fixtureSchema()
			tc.desired(des)
			env := &dialects.Env{Version: dialects.Version{Flavor: "postgres", Major: 15}, Current: fixtureSchema(), Desired: des,
				NewTables: map[schema.QName]bool{}, RenamedTables: tc.renamed}
			actions, err := Dialect{}.Recipe(tc.change(des), env)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, a := range actions {
				for _, pf := range a.Preflight {
					n++
					for _, w := range tc.wantSample {
						if !strings.Contains(pf.SampleSQL, w) {
							t.Errorf("sample %q does not contain %s", pf.SampleSQL, w)
						}
					}
					for _, sql := range []string{pf.SQL, pf.SampleSQL} {
						if sql == "" {
							continue
						}
						for _, w := range tc.want {
							if !strings.Contains(sql, w) {
								t.Errorf("check %q does not contain %s", sql, w)
							}
						}
						for _, w := range tc.notWant {
							if strings.Contains(sql, w) {
								t.Errorf("check %q contains %s", sql, w)
							}
						}
						_, err := conn.Exec(context.Background(), sql)
						if tc.deferred && err == nil {
							t.Errorf("check %q runs before the plan, but it names a column the plan adds", sql)
						}
						if !tc.deferred && err != nil {
							t.Errorf("check %q fails before the plan: %v", sql, err)
						}
					}
				}
			}
			if n == 0 {
				t.Fatal("the step has no pre-flight check")
			}
		})
	}
}
