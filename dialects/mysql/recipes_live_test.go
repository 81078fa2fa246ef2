package mysql

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// TestRecipesLive runs the MariaDB recipe cases on the live server: the
// current table is created with a row that breaks no constraint, each
// action's statements run in order (the server must accept every
// ALGORITHM= and LOCK= the recipe states), then the actions' rollbacks
// run in reverse order. For the cases marked weakest, each ALTER is first
// tried with the next weaker algorithm (COPY → INPLACE, LOCK=SHARED →
// LOCK=NONE, INPLACE → INSTANT), which the server must refuse (1845/1846):
// tide's choice is then the weakest the server takes.
func TestRecipesLive(t *testing.T) {
	for _, c := range recipeCases() {
		if c.version.Flavor != "mariadb" {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			db, name := scratchDB(t)
			srv := recipeServer(c.version)
			d := Dialect{Database: name, Server: srv}
			cur := recipeTable()
			cur.Schema = name
			if c.rowFormat != "" {
				cur.Attrs = map[string]string{schema.AttrRowFormat: c.rowFormat}
			}
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
			var others []*schema.Table
			if c.referenced {
				orders := ordersTable(name)
				create, err := d.CreateTableSQL(orders)
				if err != nil {
					t.Fatal(err)
				}
				def, err := d.ForeignKeySQL(orders, orders.ForeignKeys[0])
				if err != nil {
					t.Fatal(err)
				}
				setup = append(setup, create, d.AlterTableSQL(orders.QName(), "ADD "+def), "INSERT INTO orders VALUES (1, 1)")
				others = append(others, orders)
			}
			if err := execAll(db, setup); err != nil {
				t.Fatalf("setup: %v", err)
			}
			env := &dialects.Env{Version: c.version, Current: &schema.Schema{Tables: append([]*schema.Table{cur}, others...)}, Desired: des,
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
				if c.weakest {
					for _, stmt := range a.Statements {
						if weaker, ok := weakerAlgorithm(stmt); ok {
							if _, err := db.Exec(weaker); err == nil {
								t.Fatalf("%s: the server also accepts the weaker\n%s", a.Summary, weaker)
							} else if !strings.Contains(err.Error(), "Error 1845") && !strings.Contains(err.Error(), "Error 1846") {
								t.Fatalf("%s: the weaker %s fails otherwise than by refusing the algorithm: %v", a.Summary, weaker, err)
							}
						}
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

// weakerAlgorithm rewrites an ALTER's trailing ALGORITHM= and LOCK= to the
// next weaker pair; ok is false for INSTANT, the weakest.
func weakerAlgorithm(stmt string) (string, bool) {
	for _, w := range [][2]string{
		{", ALGORITHM=COPY, LOCK=SHARED", ", ALGORITHM=INPLACE, LOCK=SHARED"},
		{", ALGORITHM=INPLACE, LOCK=SHARED", ", ALGORITHM=INPLACE, LOCK=NONE"},
		{", ALGORITHM=INPLACE, LOCK=NONE", ", ALGORITHM=INSTANT, LOCK=NONE"},
	} {
		if strings.HasSuffix(stmt, w[0]) {
			return strings.TrimSuffix(stmt, w[0]) + w[1], true
		}
	}
	return "", false
}

// TestStrictStepSessionLive: removing an ENUM member on a server whose
// sql_mode is not strict. The recipe's pre-flight check counts the rows
// holding the member and samples them by key; a step session set up by
// SessionSettings is strict while keeping the session's other modes, so
// the table copy fails (error 1265) instead of emptying those values, and
// the rows keep them.
func TestStrictStepSessionLive(t *testing.T) {
	db, name := scratchDB(t)
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range []string{
		"SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'",
		"CREATE TABLE e (id int PRIMARY KEY, status enum('new','paid') NOT NULL DEFAULT 'new')",
		"INSERT INTO e VALUES (1, 'new'), (2, 'paid'), (3, 'paid')",
	} {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	cur := &schema.Table{Schema: name, Name: "e", Columns: []*schema.Column{{Name: "id", Type: "int"},
		{Name: "status", Type: "enum('new','paid')", Default: "'new'"}}, PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}}}
	des := (&schema.Schema{Tables: []*schema.Table{cur}}).Clone()
	des.Tables[0].Column("status").Type = "enum('new')"
	d := Dialect{Database: name, Server: &Server{Version: mariaDB1011, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Engine: "InnoDB"}}
	actions, err := d.Recipe(schema.AlterColumn{T: des.Tables[0], From: cur.Column("status"), To: des.Tables[0].Column("status"), Changes: schema.ChangeType},
		&dialects.Env{Version: mariaDB1011, Current: &schema.Schema{Tables: []*schema.Table{cur}}, Desired: des})
	if err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || len(actions[0].Preflight) != 1 {
		t.Fatalf("want one action with one pre-flight check, got %+v", actions)
	}
	pf := actions[0].Preflight[0]
	var count int
	if err := conn.QueryRowContext(ctx, pf.SQL).Scan(&count); err != nil || count != 2 {
		t.Fatalf("%s: count %d, %v; want 2", pf.SQL, count, err)
	}
	rows, err := conn.QueryContext(ctx, pf.SampleSQL)
	if err != nil {
		t.Fatal(err)
	}
	var sample []string
	for rows.Next() {
		var id, status string
		if err := rows.Scan(&id, &status); err != nil {
			t.Fatal(err)
		}
		sample = append(sample, id+"="+status)
	}
	rows.Close()
	if strings.Join(sample, " ") != "2=paid 3=paid" {
		t.Fatalf("%s: sample %v, want the rows 2 and 3 holding paid", pf.SampleSQL, sample)
	}
	for _, s := range d.SessionSettings(2*time.Second, 0) {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	var mode string
	if err := conn.QueryRowContext(ctx, "SELECT @@SESSION.sql_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION" {
		t.Errorf("step session sql_mode %q, want STRICT_ALL_TABLES added to NO_ENGINE_SUBSTITUTION", mode)
	}
	_, err = conn.ExecContext(ctx, actions[0].Statements[0])
	if err == nil || !strings.Contains(err.Error(), "Error 1265") {
		t.Fatalf("%s: want error 1265 (data truncated), got %v", actions[0].Statements[0], err)
	}
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM e WHERE status = 'paid'").Scan(&count); err != nil || count != 2 {
		t.Fatalf("after the refused copy: %d rows hold paid (%v), want 2", count, err)
	}
}
