package mysql

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// pinsSetup makes a table whose unnamed foreign key posts_ibfk_1 has the
// index the server generated for it, author_id.
var pinsSetup = []string{
	"CREATE TABLE owners (id int PRIMARY KEY)", "INSERT INTO owners VALUES (1), (2)",
	"CREATE TABLE admins (id int PRIMARY KEY)", "INSERT INTO admins VALUES (1), (2)",
	"CREATE TABLE posts (id int NOT NULL, author_id int NULL, qty int NULL, PRIMARY KEY (id), FOREIGN KEY (author_id) REFERENCES owners (id))",
	"INSERT INTO posts VALUES (10, 1, 1), (11, 2, 2), (12, NULL, 3)",
}

// pinsTable is table posts of pinsSetup as tide reads it, in database db.
func pinsTable(db string) *schema.Table {
	return &schema.Table{Schema: db, Name: "posts", Columns: []*schema.Column{
		{Name: "id", Type: "int"}, {Name: "author_id", Type: "int", Nullable: true}, {Name: "qty", Type: "int", Nullable: true},
	}, PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
		Indexes: []*schema.Index{{Name: "author_id", Parts: []schema.IndexPart{{Column: "author_id"}}}},
		ForeignKeys: []*schema.ForeignKey{{Name: "posts_ibfk_1", Columns: []string{"author_id"}, RefSchema: db, RefTable: "owners",
			RefColumns: []string{"id"}}},
	}
}

// pinsPlan loads pinsSetup into a fresh scratch database and plans change
// (made from the current table and the desired one, its copy) for server
// version v.
func pinsPlan(t *testing.T, v dialects.Version, change func(cur, des *schema.Table) schema.Change) (*sql.DB, []dialects.Action) {
	t.Helper()
	db, name := scratchDB(t)
	if err := execAll(db, pinsSetup); err != nil {
		t.Fatalf("setup: %v", err)
	}
	cur := pinsTable(name)
	des := (&schema.Schema{Tables: []*schema.Table{cur}}).Clone()
	c := change(cur, des.Tables[0])
	env := &dialects.Env{Version: v, Current: &schema.Schema{Tables: []*schema.Table{cur}}, Desired: des, NewTables: map[schema.QName]bool{}}
	d := Dialect{Database: name, Server: &Server{Version: v, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Engine: "InnoDB"}}
	actions, err := d.Recipe(c, env)
	if err != nil {
		t.Fatal(err)
	}
	return db, actions
}

// indexNames lists the indexes of posts, sorted.
func indexNames(t *testing.T, db *sql.DB) string {
	t.Helper()
	var names string
	err := db.QueryRow("SELECT GROUP_CONCAT(DISTINCT index_name ORDER BY BINARY index_name) FROM information_schema.statistics " +
		"WHERE table_schema = DATABASE() AND table_name = 'posts'").Scan(&names)
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestPinsKeepGeneratedIndexesLive: on a table whose index author_id the
// server generated for an unnamed foreign key, the steps that add a
// foreign key (replaced, renamed) or an index leading with its column keep
// author_id, as the desired state does, and the rollback that puts a
// dropped foreign key back keeps it too (recipes_fkindex_generated.go).
// Each step, stopped before and after each of its statements and run again
// as apply does (its done probes, lastDone), ends where the uninterrupted
// run ends. Rendered for MariaDB and for MySQL 8, run on the MariaDB test
// server.
func TestPinsKeepGeneratedIndexesLive(t *testing.T) {
	cases := []struct {
		name   string
		change func(cur, des *schema.Table) schema.Change
		// want is the indexes of posts after the plan.
		want string
		// rollback runs the plan's rollback after it, which must give back
		// the catalog of pinsSetup.
		rollback bool
	}{
		{"replace the foreign key", func(cur, des *schema.Table) schema.Change {
			des.ForeignKeys[0].RefTable = "admins"
			return schema.AddForeignKey{T: des, FK: des.ForeignKeys[0]}
		}, "PRIMARY,author_id", false},
		{"rename the foreign key", func(cur, des *schema.Table) schema.Change {
			des.ForeignKeys[0].Name = "fk_author"
			return schema.RenameConstraint{T: des, From: "posts_ibfk_1", To: "fk_author"}
		}, "PRIMARY,author_id", false},
		{"add an index leading with its column", func(cur, des *schema.Table) schema.Change {
			ix := &schema.Index{Name: "by_author", Parts: []schema.IndexPart{{Column: "author_id"}, {Column: "qty"}}}
			des.Indexes = append(des.Indexes, ix)
			return schema.AddIndex{T: des, I: ix}
		}, "PRIMARY,author_id,by_author", false},
		{"drop the foreign key and roll back", func(cur, des *schema.Table) schema.Change {
			des.ForeignKeys = nil
			return schema.DropForeignKey{T: cur, FK: cur.ForeignKeys[0]}
		}, "PRIMARY,author_id", true},
	}
	for _, v := range []dialects.Version{mariaDB1011, mysql8036} {
		for _, c := range cases {
			t.Run(strings.ReplaceAll(c.name, " ", "_")+"_"+v.Flavor, func(t *testing.T) {
				db, actions := pinsPlan(t, v, c.change)
				before := catalogFacts(t, db, dbName(t, db))
				for _, a := range actions {
					checkStepProbes(t, db, a.Statements, a.DoneProbes, false)
				}
				if got := indexNames(t, db); got != c.want {
					t.Fatalf("indexes of posts after the plan: %s, want %s", got, c.want)
				}
				want := catalogFacts(t, db, dbName(t, db))
				if c.rollback {
					for i := len(actions) - 1; i >= 0; i-- {
						if err := execAll(db, actions[i].Rollback); err != nil {
							t.Fatalf("rollback of %s: %v", actions[i].Summary, err)
						}
					}
					if got := catalogFacts(t, db, dbName(t, db)); !slices.Equal(got, before) {
						onlyGot, onlyWant := diffLines(got, before)
						t.Fatalf("the rollback ends elsewhere than the start:\n--- only after the rollback\n%s\n--- only at the start\n%s",
							strings.Join(onlyGot, "\n"), strings.Join(onlyWant, "\n"))
					}
				}
				for ai, a := range actions {
					for k := 0; k <= len(a.Statements); k++ {
						t.Run(fmt.Sprintf("action_%d_stopped_after_statement_%d", ai+1, k), func(t *testing.T) {
							db, actions := pinsPlan(t, v, c.change)
							for _, b := range actions[:ai] {
								if err := execAll(db, b.Statements); err != nil {
									t.Fatal(err)
								}
							}
							if err := execAll(db, a.Statements[:k]); err != nil {
								t.Fatal(err)
							}
							done := lastDone(t, db, a.DoneProbes)
							if err := execAll(db, a.Statements[done:]); err != nil {
								t.Fatalf("run again after %d of %d statements, the probes say %d ran: %v", k, len(a.Statements), done, err)
							}
							for _, b := range actions[ai+1:] {
								if err := execAll(db, b.Statements); err != nil {
									t.Fatal(err)
								}
							}
							if got := catalogFacts(t, db, dbName(t, db)); !slices.Equal(got, want) {
								onlyGot, onlyWant := diffLines(got, want)
								t.Fatalf("the resumed run ends elsewhere than the uninterrupted one:\n--- only resumed\n%s\n--- only uninterrupted\n%s",
									strings.Join(onlyGot, "\n"), strings.Join(onlyWant, "\n"))
							}
						})
					}
				}
			})
		}
	}
}
