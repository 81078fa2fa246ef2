package mysql

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// probeFinds runs a done probe and reports whether it returned a row.
func probeFinds(t *testing.T, db *sql.DB, probe string) bool {
	t.Helper()
	var one any
	err := db.QueryRow(probe).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false
	}
	if err != nil {
		t.Fatalf("the probe fails: %v\n%s", err, probe)
	}
	return true
}

// lastDone is the executor's reading of a step's probes (apply's
// alreadyDone): from the last statement back, the first probe that finds
// its effect says how many statements ran.
func lastDone(t *testing.T, db *sql.DB, probes []string) int {
	t.Helper()
	for i := len(probes) - 1; i >= 0; i-- {
		if probes[i] != "" && probeFinds(t, db, probes[i]) {
			return i + 1
		}
	}
	return 0
}

// checkStepProbes runs a step's statements in order on db and checks its
// probes against each state: before a statement, neither its probe nor any
// later one finds anything (a probe never claims a statement that has not
// run); after it, its own probe finds its effect, and the executor's
// reading of all the probes is that the statements so far ran (or, where a
// statement has no probe, fewer: with rerun, those are run again, which
// must succeed).
func checkStepProbes(t *testing.T, db *sql.DB, stmts, probes []string, rerun bool) {
	t.Helper()
	for k, s := range stmts {
		for j := k; j < len(probes); j++ {
			if probes[j] != "" && probeFinds(t, db, probes[j]) {
				t.Fatalf("before statement %d, the probe of statement %d finds its effect:\n%s\n%s", k+1, j+1, stmts[j], probes[j])
			}
		}
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("statement %d: %v\n%s", k+1, err, s)
		}
		if probes[k] != "" && !probeFinds(t, db, probes[k]) {
			t.Fatalf("after statement %d its probe finds nothing:\n%s\n%s", k+1, s, probes[k])
		}
		done := lastDone(t, db, probes)
		if done > k+1 || probes[k] != "" && done != k+1 {
			t.Fatalf("after statement %d the probes say %d statements ran", k+1, done)
		}
		if probes[k] == "" && rerun {
			// Not probed: running it again (and what follows it back to the
			// last probed statement) must succeed.
			if err := execAll(db, stmts[done:k+1]); err != nil {
				t.Fatalf("after statement %d, running statements %d-%d again fails: %v", k+1, done+1, k+1, err)
			}
		}
	}
}

// TestDoneProbesLive: each kind of statement tide renders, as steps of one
// or more statements on a live server — every probe finds nothing before
// its statement and its effect after it (checkStepProbes), and a statement
// with no probe succeeds when run again. A step that creates an object
// and drops it again has no probe on the drop (the object's absence
// proves nothing): the executor then runs the step from the create again.
// {db} is the scratch database.
func TestDoneProbesLive(t *testing.T) {
	const items = "CREATE TABLE items (id int NOT NULL, a int NULL, b varchar(20) NULL, PRIMARY KEY (id), KEY by_a (a))"
	cases := []struct {
		name   string
		setup  []string
		stmts  []string
		probed []bool // per statement: has a probe
	}{
		{"add column", []string{items}, []string{"ALTER TABLE `items` ADD COLUMN `c` int NULL, ALGORITHM=INSTANT, LOCK=NONE"}, []bool{true}},
		{"add column to a qualified table", []string{items}, []string{"ALTER TABLE `{db}`.`items` ADD COLUMN `c` int NULL"}, []bool{true}},
		{"add columns and a key", []string{items},
			[]string{"ALTER TABLE `items` ADD COLUMN `c` int NULL, ADD COLUMN `d` bigint NOT NULL AUTO_INCREMENT, ADD UNIQUE KEY `d` (`d`), ALGORITHM=COPY, LOCK=SHARED"}, []bool{true}},
		{"add column if not exists", []string{items}, []string{"ALTER TABLE `items` ADD COLUMN IF NOT EXISTS `c` int NULL"}, []bool{false}},
		{"drop column", []string{items}, []string{"ALTER TABLE `items` DROP COLUMN `b`, ALGORITHM=INSTANT, LOCK=NONE"}, []bool{true}},
		{"rename column", []string{items}, []string{"ALTER TABLE `items` RENAME COLUMN `b` TO `title`, ALGORITHM=INSTANT, LOCK=NONE"}, []bool{true}},
		{"change column under a new name", []string{items}, []string{"ALTER TABLE `items` CHANGE COLUMN `b` `title` varchar(40) NULL"}, []bool{true}},
		{"change column under its name", []string{items}, []string{"ALTER TABLE `items` CHANGE COLUMN `b` `b` varchar(40) NULL"}, []bool{false}},
		{"modify column", []string{items}, []string{"ALTER TABLE `items` MODIFY COLUMN `a` bigint NOT NULL, ALGORITHM=COPY, LOCK=SHARED"}, []bool{false}},
		{"set and drop a default", []string{items}, []string{
			"ALTER TABLE `items` ALTER COLUMN `a` SET DEFAULT 3, ALGORITHM=INSTANT, LOCK=NONE",
			"ALTER TABLE `items` ALTER COLUMN `b` DROP DEFAULT"}, []bool{false, false}},
		{"table options", []string{items}, []string{"ALTER TABLE `items` COMMENT = 'x', ENGINE = InnoDB, DEFAULT CHARSET = latin1"}, []bool{false}},
		{"add key with a prefix and DESC", []string{items}, []string{"ALTER TABLE `items` ADD KEY `by_ab` (`b`(10), `a` DESC), ALGORITHM=INPLACE, LOCK=NONE"}, []bool{true}},
		{"add unique and fulltext keys", []string{items}, []string{
			"ALTER TABLE `items` ADD UNIQUE KEY `ab` (`a`, `b`), ALGORITHM=INPLACE, LOCK=NONE",
			"ALTER TABLE `items` ADD FULLTEXT KEY `ft` (`b`), ALGORITHM=INPLACE, LOCK=SHARED"}, []bool{true, true}},
		{"drop index", []string{items}, []string{"ALTER TABLE `items` DROP INDEX `by_a`, ALGORITHM=INPLACE, LOCK=NONE"}, []bool{true}},
		{"drop index if exists", []string{items}, []string{"ALTER TABLE `items` DROP INDEX IF EXISTS `by_a`"}, []bool{false}},
		{"rename index", []string{items}, []string{"ALTER TABLE `items` RENAME INDEX `by_a` TO `by_amount`, ALGORITHM=INPLACE, LOCK=NONE"}, []bool{true}},
		{"replace index: columns", []string{items}, []string{"ALTER TABLE `items` DROP INDEX `by_a`, ADD KEY `by_a` (`a`, `b`), ALGORITHM=INPLACE, LOCK=NONE"}, []bool{true}},
		{"replace index: order only", []string{items}, []string{"ALTER TABLE `items` DROP INDEX `by_a`, ADD KEY `by_a` (`a` DESC)"}, []bool{true}},
		{"replace index: prefix only", []string{items, "ALTER TABLE items ADD KEY by_b (b)"},
			[]string{"ALTER TABLE `items` DROP INDEX `by_b`, ADD KEY `by_b` (`b`(5))"}, []bool{true}},
		{"replace index: unique only", []string{items}, []string{"ALTER TABLE `items` DROP INDEX `by_a`, ADD UNIQUE KEY `by_a` (`a`)"}, []bool{true}},
		{"replace unique key: hash only", []string{items, "ALTER TABLE items ADD UNIQUE KEY u_b (b)"},
			[]string{"ALTER TABLE `items` DROP INDEX `u_b`, ADD UNIQUE KEY `u_b` (`b`) USING HASH, ALGORITHM=COPY, LOCK=SHARED"}, []bool{true}},
		{"add primary key", []string{"CREATE TABLE items (id int NOT NULL, a int NULL)"},
			[]string{"ALTER TABLE `items` ADD PRIMARY KEY (`id`), ALGORITHM=INPLACE, LOCK=NONE"}, []bool{true}},
		{"drop primary key", []string{items}, []string{"ALTER TABLE `items` MODIFY COLUMN `id` int NOT NULL, DROP PRIMARY KEY, ALGORITHM=COPY, LOCK=SHARED"}, []bool{true}},
		{"replace primary key", []string{items, "UPDATE items SET a = 0"},
			[]string{"ALTER TABLE `items` MODIFY COLUMN `a` int NOT NULL", "ALTER TABLE `items` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `a`), ALGORITHM=INPLACE, LOCK=NONE"},
			[]bool{false, true}},
		{"add check", []string{items}, []string{"ALTER TABLE `items` ADD CONSTRAINT `a_pos` CHECK (`a` > 0), ALGORITHM=COPY, LOCK=SHARED"}, []bool{true}},
		{"drop check", []string{items, "ALTER TABLE items ADD CONSTRAINT a_pos CHECK (a > 0)"},
			[]string{"ALTER TABLE `items` DROP CONSTRAINT `a_pos`, ALGORITHM=INSTANT, LOCK=NONE"}, []bool{true}},
		{"rename check", []string{items, "ALTER TABLE items ADD CONSTRAINT a_pos CHECK (a > 0)"},
			[]string{"ALTER TABLE `items` DROP CONSTRAINT `a_pos`, ADD CONSTRAINT `positive` CHECK (`a` > 0), ALGORITHM=COPY, LOCK=SHARED"}, []bool{true}},
		{"replace check", []string{items, "ALTER TABLE items ADD CONSTRAINT a_pos CHECK (a > 0)"},
			[]string{"ALTER TABLE `items` DROP CONSTRAINT `a_pos`, ADD CONSTRAINT `a_pos` CHECK (`a` >= 0), ALGORITHM=COPY, LOCK=SHARED"}, []bool{false}},
		{"column check on MariaDB", []string{items}, []string{"ALTER TABLE `items` MODIFY COLUMN `a` int NULL CHECK (`a` < 100)"}, []bool{false}},
		{"add foreign keys", []string{items, "CREATE TABLE owners (id int PRIMARY KEY, region int NOT NULL, UNIQUE KEY (region, id))"}, []string{
			"ALTER TABLE `items` ADD CONSTRAINT `f_owner` FOREIGN KEY (`a`) REFERENCES `owners` (`id`) ON DELETE CASCADE ON UPDATE SET NULL, ALGORITHM=COPY, LOCK=SHARED",
			"ALTER TABLE `items` ADD CONSTRAINT `f_region` FOREIGN KEY (`id`, `a`) REFERENCES `{db}`.`owners` (`region`, `id`), ALGORITHM=COPY, LOCK=SHARED"},
			[]bool{true, true}},
		{"drop foreign key", []string{items, "CREATE TABLE owners (id int PRIMARY KEY)", "ALTER TABLE items ADD CONSTRAINT f_owner FOREIGN KEY (a) REFERENCES owners (id)"},
			[]string{"ALTER TABLE `items` DROP FOREIGN KEY `f_owner`, ALGORITHM=INPLACE, LOCK=NONE"}, []bool{true}},
		{"replace foreign key in two statements", []string{items, "CREATE TABLE owners (id int PRIMARY KEY)", "ALTER TABLE items ADD CONSTRAINT f_owner FOREIGN KEY (a) REFERENCES owners (id)"},
			[]string{"ALTER TABLE `items` DROP FOREIGN KEY `f_owner`, ALGORITHM=INPLACE, LOCK=NONE",
				"ALTER TABLE `items` ADD CONSTRAINT `f_owner` FOREIGN KEY (`a`) REFERENCES `owners` (`id`) ON DELETE SET NULL, ALGORITHM=COPY, LOCK=SHARED"},
			[]bool{true, true}},
		{"replace foreign key with a pin of its own", []string{items, "CREATE TABLE owners (id int PRIMARY KEY)", "ALTER TABLE items ADD CONSTRAINT f_owner FOREIGN KEY (a) REFERENCES owners (id)"},
			[]string{"ALTER TABLE `items` DROP FOREIGN KEY `f_owner`, ALGORITHM=INPLACE, LOCK=NONE",
				"ALTER TABLE `items` RENAME INDEX `by_a` TO `by_a`, ALGORITHM=INPLACE, LOCK=NONE",
				"ALTER TABLE `items` ADD CONSTRAINT `f_owner` FOREIGN KEY (`a`) REFERENCES `owners` (`id`) ON DELETE SET NULL, ALGORITHM=COPY, LOCK=SHARED"},
			[]bool{true, false, true}},
		{"drop a foreign key and rebuild its index", []string{items, "CREATE TABLE owners (id int PRIMARY KEY)", "ALTER TABLE items ADD CONSTRAINT f_owner FOREIGN KEY (a) REFERENCES owners (id)"},
			[]string{"ALTER TABLE `items` DROP FOREIGN KEY `f_owner`, ALGORITHM=INPLACE, LOCK=NONE",
				"ALTER TABLE `items` DROP INDEX `by_a`, ADD KEY `by_a` (`b`, `a`), ALGORITHM=INPLACE, LOCK=NONE"},
			[]bool{true, true}},
		{"rename foreign key", []string{items, "CREATE TABLE owners (id int PRIMARY KEY)", "ALTER TABLE items ADD CONSTRAINT f_owner FOREIGN KEY (a) REFERENCES owners (id)"},
			[]string{"ALTER TABLE `items` DROP FOREIGN KEY `f_owner`, ALGORITHM=INPLACE, LOCK=NONE",
				"ALTER TABLE `items` ADD CONSTRAINT `owner_fk` FOREIGN KEY (`a`) REFERENCES `owners` (`id`), ALGORITHM=COPY, LOCK=SHARED"},
			[]bool{true, true}},
		{"make a virtual column plain", []string{items, "ALTER TABLE items ADD COLUMN twice int AS (a * 2) VIRTUAL", "INSERT INTO items (id, a) VALUES (1, 4)"},
			[]string{"ALTER TABLE `items` DROP COLUMN `twice`, ADD COLUMN `twice` int GENERATED ALWAYS AS (`a` * 2) STORED, ALGORITHM=COPY, LOCK=SHARED",
				"ALTER TABLE `items` MODIFY COLUMN `twice` int NULL, ALGORITHM=COPY, LOCK=SHARED"},
			[]bool{true, true}},
		{"make a plain column virtual", []string{items},
			[]string{"ALTER TABLE `items` DROP COLUMN `a`, ADD COLUMN `a` int GENERATED ALWAYS AS (`id` * 2) VIRTUAL AFTER `id`, ALGORITHM=COPY, LOCK=SHARED"}, []bool{true}},
		{"create and drop tables", []string{items}, []string{
			"CREATE TABLE `owners` (\n  `id` int NOT NULL,\n  PRIMARY KEY (`id`)\n)",
			"DROP TABLE `items`, `{db}`.`owners`"}, []bool{true, true}},
		{"create table if not exists", nil, []string{"CREATE TABLE IF NOT EXISTS `owners` (`id` int)"}, []bool{false}},
		{"rename tables", []string{items}, []string{"RENAME TABLE `items` TO `products`", "ALTER TABLE `products` RENAME TO `goods`, ADD COLUMN `c` int"}, []bool{true, true}},
		{"create and drop an index", []string{items}, []string{"CREATE INDEX `by_b` ON `items` (`b`)", "DROP INDEX `by_b` ON `items`"}, []bool{true, false}},
		{"create and drop a database", nil, []string{"CREATE DATABASE `{db}_x`", "DROP DATABASE `{db}_x`"}, []bool{true, false}},
		{"create and drop a trigger", []string{items}, []string{
			"CREATE DEFINER = CURRENT_USER TRIGGER `items__tide_ins` BEFORE INSERT ON `items` FOR EACH ROW SET NEW.a = NEW.id",
			"DROP TRIGGER `{db}`.`items__tide_ins`"}, []bool{true, false}},
		{"triggers said OR REPLACE and IF EXISTS", []string{items}, []string{
			"CREATE OR REPLACE TRIGGER `t1` BEFORE INSERT ON `items` FOR EACH ROW SET NEW.a = 1",
			"DROP TRIGGER IF EXISTS `t1`"}, []bool{false, false}},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			db, name := scratchDB(t)
			t.Cleanup(func() { _, _ = db.Exec("DROP DATABASE IF EXISTS `" + name + "_x`") })
			sub := func(s string) string { return strings.ReplaceAll(s, "{db}", name) }
			for _, s := range c.setup {
				if _, err := db.Exec(sub(s)); err != nil {
					t.Fatalf("setup: %v\n%s", err, s)
				}
			}
			stmts := make([]string, len(c.stmts))
			for i, s := range c.stmts {
				stmts[i] = sub(s)
			}
			probes, err := doneProbes(name, stmts)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range probes {
				if (p != "") != c.probed[i] {
					t.Fatalf("statement %d: probe %q, want one: %v", i+1, p, c.probed[i])
				}
			}
			checkStepProbes(t, db, stmts, probes, true)
		})
	}
}

// recipeFixture plans recipe case c on a fresh scratch database with the
// current table, its rows and the tables it references, and returns the
// database and the case's actions. c.version decides the rendering (a
// MySQL one runs on the MariaDB test server too).
func recipeFixture(t *testing.T, c recipeCase) (*sql.DB, []dialects.Action) {
	t.Helper()
	db, name := scratchDB(t)
	other := name + "_o" // stands for database "other"
	t.Cleanup(func() {
		// The scratch database's tables may reference it: it goes first.
		if _, err := db.Exec("SET SESSION foreign_key_checks = 0; DROP DATABASE IF EXISTS `" + other + "`"); err != nil {
			t.Errorf("drop database %s: %v", other, err)
		}
	})
	rename := func(s string) string {
		switch s {
		case "shop":
			return name
		case "other":
			return other
		}
		return s
	}
	srv := recipeServer(c.version)
	d := Dialect{Database: name, Server: srv}
	cur := recipeTable()
	cur.Schema = name
	if c.rowFormat != "" {
		cur.Attrs = map[string]string{schema.AttrRowFormat: c.rowFormat}
	}
	for _, fk := range cur.ForeignKeys {
		fk.RefSchema = rename(fk.RefSchema)
	}
	des := (&schema.Schema{Tables: []*schema.Table{cur}}).Clone()
	if c.desired != nil {
		c.desired(des.Tables[0])
	}
	change := c.change(cur, des.Tables[0])
	if fk, ok := change.(schema.AddForeignKey); ok {
		fk.FK.RefSchema = rename(fk.FK.RefSchema)
	}
	setup := []string{
		"CREATE TABLE owners (id int PRIMARY KEY, region int NOT NULL, UNIQUE KEY (region, id))", "INSERT INTO owners VALUES (1, 5)",
		"CREATE TABLE codes (code varchar(100) PRIMARY KEY)", "INSERT INTO codes VALUES ('c1')",
		"CREATE DATABASE `" + other + "`", "CREATE TABLE `" + other + "`.codes (code varchar(100) PRIMARY KEY)",
		"INSERT INTO `" + other + "`.codes VALUES ('c1')",
	}
	if _, isNew := change.(schema.AddTable); !isNew {
		create, err := d.CreateTableSQL(cur)
		if err != nil {
			t.Fatal(err)
		}
		setup = append(setup, create, "INSERT INTO items (id, name, code, status, qty, owner_id, flag) VALUES (1, 'a', 'c1', 'new', 5, 1, 1)")
		for _, fk := range cur.ForeignKeys {
			if _, adds := change.(schema.AddForeignKey); adds && c.rebuilt {
				continue // the plan's earlier step dropped it (a foreign key rebuilt around a key)
			}
			def, err := d.ForeignKeySQL(cur, fk)
			if err != nil {
				t.Fatal(err)
			}
			setup = append(setup, d.AlterTableSQL(cur.QName(), "ADD "+def))
		}
	}
	current := &schema.Schema{Tables: []*schema.Table{cur}}
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
		current.Tables = append(current.Tables, orders)
	}
	if err := execAll(db, setup); err != nil {
		t.Fatalf("setup: %v", err)
	}
	env := &dialects.Env{Version: c.version, Current: current, Desired: des, NewTables: map[schema.QName]bool{}}
	if c.newT {
		env.NewTables[cur.QName()] = true
	}
	if c.rebuilt {
		env.RebuiltForeignKeys = map[dialects.ForeignKeyRef]bool{{Table: cur.QName(), Name: cur.ForeignKeys[0].Name}: true}
	}
	actions, err := d.Recipe(change, env)
	if err != nil {
		t.Fatal(err)
	}
	return db, actions
}

// rerunRecipeCases are the recipe cases run live: MariaDB's, and the
// foreign key cases rendered for MySQL 8 (which has no DROP FOREIGN KEY IF
// EXISTS), which the MariaDB test server runs as they are.
func rerunRecipeCases() []recipeCase {
	mysqlToo := map[string]bool{"replace_foreign_key": true, "rename_foreign_key": true, "replace_foreign_key_and_its_index": true,
		"replace_foreign_key_and_its_index_rebuilt": true, "drop_foreign_key_and_change_its_index": true, "drop_foreign_key": true,
		"replace_foreign_key_keeping_its_index": true, "rename_foreign_key_keeping_its_index": true}
	var out []recipeCase
	for _, c := range recipeCases() {
		if c.version.Flavor != "mariadb" || strings.HasSuffix(c.name, "_is_an_error") {
			continue
		}
		out = append(out, c)
		if mysqlToo[c.name] {
			m := c
			m.name, m.version = c.name+"_rendered_for_mysql_8", mysql8036
			out = append(out, m)
		}
	}
	return out
}

// TestDoneProbesResumeRecipesLive: the steps of every recipe case (MariaDB's,
// and the foreign key ones rendered for MySQL 8) are stopped after each of
// their statements in turn and run again as apply does (alreadyDone): the
// probes skip what ran, the rest runs, and the database ends as the
// uninterrupted run leaves it. The uninterrupted run checks each probe
// before and after its statement (checkStepProbes).
func TestDoneProbesResumeRecipesLive(t *testing.T) {
	cases := rerunRecipeCases()
	if len(cases) < 50 {
		t.Fatalf("only %d recipe cases to run", len(cases))
	}
	probed := 0
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, actions := recipeFixture(t, c)
			for _, a := range actions {
				if a.DoneProbes != nil {
					probed++
					checkStepProbes(t, db, a.Statements, a.DoneProbes, false)
				} else if err := execAll(db, a.Statements); err != nil {
					t.Fatalf("%s: %v", a.Summary, err)
				}
			}
			want := catalogFacts(t, db, dbName(t, db))
			for ai, a := range actions {
				if a.Transactional || a.Backfill != nil {
					continue
				}
				for k := 1; k <= len(a.Statements); k++ {
					t.Run(fmt.Sprintf("action_%d_stopped_after_statement_%d", ai+1, k), func(t *testing.T) {
						db, actions := recipeFixture(t, c)
						for _, b := range actions[:ai] {
							if err := execAll(db, b.Statements); err != nil {
								t.Fatal(err)
							}
						}
						if err := execAll(db, a.Statements[:k]); err != nil {
							t.Fatal(err)
						}
						done := 0
						if a.DoneProbes != nil {
							done = lastDone(t, db, a.DoneProbes)
						}
						if err := execAll(db, a.Statements[done:]); err != nil {
							t.Fatalf("run again after %d of %d statements, the probes say %d ran: %v", k, len(a.Statements), done, err)
						}
						for _, b := range actions[ai+1:] {
							if err := execAll(db, b.Statements); err != nil {
								t.Fatal(err)
							}
						}
						got := catalogFacts(t, db, dbName(t, db))
						if !slices.Equal(got, want) {
							t.Fatalf("the resumed run ends elsewhere than the uninterrupted one:\n--- got\n%s\n--- want\n%s",
								strings.Join(got, "\n"), strings.Join(want, "\n"))
						}
					})
				}
			}
		})
	}
	if probed == 0 {
		t.Fatal("no recipe case has done probes")
	}
}

// dbName is the connection's database.
func dbName(t *testing.T, db *sql.DB) string {
	t.Helper()
	var name string
	if err := db.QueryRow("SELECT DATABASE()").Scan(&name); err != nil {
		t.Fatal(err)
	}
	return name
}
