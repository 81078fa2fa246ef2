package mysql

import (
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// TestRecipesLive runs the MariaDB recipe cases on the live server: the
// current table is created with a row that breaks no constraint, each
// action's statements run in order (the server must accept every
// ALGORITHM= and LOCK= the recipe states), then the actions' rollbacks
// run in reverse order.
func TestRecipesLive(t *testing.T) {
	for _, c := range recipeCases() {
		if c.version.Flavor != "mariadb" {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			db, name := scratchDB(t)
			srv := &Server{Version: c.version, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Engine: "InnoDB",
				DefaultCollations: map[string]string{"utf8mb4": "utf8mb4_general_ci", "latin1": "latin1_swedish_ci"},
				MaxLen:            map[string]int{"utf8mb4": 4, "latin1": 1}}
			d := Dialect{Database: name, Server: srv}
			cur := recipeTable()
			cur.Schema = name
			for _, fk := range cur.ForeignKeys {
				fk.RefSchema = name
			}
			des := (&schema.Schema{Tables: []*schema.Table{cur}}).Clone()
			if c.desired != nil {
				c.desired(des.Tables[0])
			}
			change := c.change(cur, des.Tables[0])
			if fk, ok := change.(schema.AddForeignKey); ok {
				if fk.FK.RefSchema != "shop" {
					return // references another database, which the test server does not have
				}
				fk.FK.RefSchema = name
			}
			setup := []string{
				"CREATE TABLE owners (id int PRIMARY KEY)", "INSERT INTO owners VALUES (1)",
				"CREATE TABLE codes (code varchar(100) PRIMARY KEY)", "INSERT INTO codes VALUES ('c1')",
			}
			if _, isNew := change.(schema.AddTable); !isNew {
				create, err := d.CreateTableSQL(cur)
				if err != nil {
					t.Fatal(err)
				}
				setup = append(setup, create, "INSERT INTO items (id, name, code, status, qty, owner_id, flag) VALUES (1, 'a', 'c1', 'new', 5, 1, 1)")
				for _, fk := range cur.ForeignKeys {
					def, err := d.ForeignKeySQL(cur, fk)
					if err != nil {
						t.Fatal(err)
					}
					setup = append(setup, d.AlterTableSQL(cur.QName(), "ADD "+def))
				}
			}
			if err := execAll(db, setup); err != nil {
				t.Fatalf("setup: %v", err)
			}
			env := &dialects.Env{Version: c.version, Current: &schema.Schema{Tables: []*schema.Table{cur}}, Desired: des,
				NewTables: map[schema.QName]bool{}}
			if c.newT {
				env.NewTables[cur.QName()] = true
			}
			if c.rebuilt {
				env.RebuiltForeignKeys = map[dialects.ForeignKeyRef]bool{{Table: cur.QName(), Name: cur.ForeignKeys[0].Name}: true}
			}
			actions, err := d.Recipe(change, env)
			if err != nil {
				if strings.HasSuffix(c.name, "_is_an_error") {
					return
				}
				t.Fatal(err)
			}
			for _, a := range actions {
				if len(a.Statements) > 1 && strings.Contains(a.Statements[0], "DROP FOREIGN KEY IF EXISTS") {
					// A step stopped after its drop is run again from its
					// start (DDL commits as it goes): the re-run must pass.
					if err := execAll(db, a.Statements[:1]); err != nil {
						t.Fatalf("%s: the drop alone: %v", a.Summary, err)
					}
				}
				if err := execAll(db, a.Statements); err != nil {
					t.Fatalf("%s: the server refuses the recipe:\n%v", a.Summary, err)
				}
			}
			for i := len(actions) - 1; i >= 0; i-- {
				if err := execAll(db, actions[i].Rollback); err != nil {
					t.Fatalf("%s: the server refuses the rollback:\n%v", actions[i].Summary, err)
				}
			}
		})
	}
}
