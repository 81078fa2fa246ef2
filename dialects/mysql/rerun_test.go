package mysql

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// changesSomething matches the statements whose effect running them again
// trips over (ADD, DROP, RENAME, CREATE … of a named object); a check
// replaced under its name (dropped and added in one statement) runs again.
var (
	changesSomething = regexp.MustCompile(`(?i)^(CREATE|DROP|RENAME) |\b(ADD (COLUMN|KEY|UNIQUE|FULLTEXT|PRIMARY|CONSTRAINT)|DROP (COLUMN|INDEX|PRIMARY|FOREIGN|CONSTRAINT)|RENAME (COLUMN|INDEX|TO))\b`)
	checkReplaced    = regexp.MustCompile("DROP CONSTRAINT (`[^`]+`), ADD CONSTRAINT (`[^`]+`) CHECK")
	renameIndex      = regexp.MustCompile("RENAME INDEX (`[^`]+`) TO (`[^`]+`)")
)

// pinCount counts the pins of a statement: indexes renamed to their own
// name (recipes_fkindex_generated.go).
func pinCount(stmt string) int {
	n := 0
	for _, m := range renameIndex.FindAllStringSubmatch(stmt, -1) {
		if strings.EqualFold(m[1], m[2]) {
			n++
		}
	}
	return n
}

// TestDoneProbesCoverRecipes: for every recipe case, on both flavors, each
// statement of a non-transactional step is one the probes read, the step
// carries the probes doneProbes derives, and every statement that would
// trip over its own effect when run again has a probe; transactional and
// backfill steps have none. The cases include statements that pin an
// index (pinCases), whose probes come from their other clauses.
func TestDoneProbesCoverRecipes(t *testing.T) {
	srv := &Server{Version: mariaDB1011, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Engine: "InnoDB",
		DefaultCollations: map[string]string{"utf8mb4": "utf8mb4_general_ci", "latin1": "latin1_swedish_ci"},
		MaxLen:            map[string]int{"utf8mb4": 4, "latin1": 1}}
	probed, pins := 0, 0
	for _, c := range recipeCases() {
		for _, v := range []dialects.Version{c.version, mysql8036, mariaDB1011} {
			cur := recipeTable()
			des := (&schema.Schema{Tables: []*schema.Table{cur}}).Clone()
			if c.desired != nil {
				c.desired(des.Tables[0])
			}
			change := c.change(cur, des.Tables[0])
			env := &dialects.Env{Version: v, Current: &schema.Schema{Tables: []*schema.Table{cur}}, Desired: des,
				NewTables: map[schema.QName]bool{}}
			if c.newT {
				env.NewTables[cur.QName()] = true
			}
			if c.rebuilt {
				env.RebuiltForeignKeys = map[dialects.ForeignKeyRef]bool{{Table: cur.QName(), Name: cur.ForeignKeys[0].Name}: true}
			}
			d := Dialect{Database: "shop", Server: srv}
			actions, err := d.Recipe(change, env)
			if err != nil {
				continue // the _is_an_error cases, and changes a flavor refuses
			}
			for _, a := range actions {
				if a.Transactional || a.Backfill != nil {
					if a.DoneProbes != nil {
						t.Errorf("%s (%s): %s: a transactional or backfill step got done probes", c.name, v.Flavor, a.Summary)
					}
					continue
				}
				probes, err := doneProbes("shop", a.Statements)
				if err != nil {
					t.Errorf("%s (%s): %s: %v", c.name, v.Flavor, a.Summary, err)
					continue
				}
				if a.DoneProbes != nil && !slices.Equal(a.DoneProbes, probes) {
					t.Errorf("%s (%s): %s: the step's probes are not doneProbes'", c.name, v.Flavor, a.Summary)
				}
				for i, s := range a.Statements {
					m := checkReplaced.FindStringSubmatch(s)
					replacedCheck := m != nil && m[1] == m[2]
					if changesSomething.MatchString(s) && !replacedCheck && (a.DoneProbes == nil || a.DoneProbes[i] == "") {
						t.Errorf("%s (%s): statement %d has no probe: %s", c.name, v.Flavor, i+1, s)
					}
					if a.DoneProbes != nil && a.DoneProbes[i] != "" {
						probed++
					}
					pins += pinCount(s)
				}
			}
		}
	}
	if probed < 100 {
		t.Fatalf("only %d probed statements over the recipe cases", probed)
	}
	if pins == 0 {
		t.Fatal("no recipe case pins an index")
	}
}

// TestDoneProbeText: what a probe checks, for statements the live tests
// cannot run on MariaDB (MySQL's expression key parts) or whose spelling
// matters (names needing quotes, qualified names, ON UPDATE rules).
func TestDoneProbeText(t *testing.T) {
	tests := []struct {
		name  string
		stmts []string
		// want holds, per statement, strings its probe contains ("" = no probe).
		want [][]string
		// not holds strings no probe may contain.
		not []string
	}{
		{"names needing quotes", []string{"ALTER TABLE `it's` ADD COLUMN `a``b` int, ALGORITHM=INSTANT, LOCK=DEFAULT"},
			[][]string{{"TABLE_NAME = 'it''s'", "COLUMN_NAME = 'a`b'", "TABLE_SCHEMA = DATABASE()"}}, nil},
		{"a backslash in a name", []string{"ALTER TABLE `t` DROP INDEX `a\\b`"}, [][]string{{`INDEX_NAME = 'a\\b'`}}, nil},
		{"qualified table", []string{"ALTER TABLE `other`.`t` DROP COLUMN `c`"}, [][]string{{"NOT EXISTS", "TABLE_SCHEMA = 'other'", "TABLE_NAME = 't'"}}, nil},
		{"expression key part added", []string{"ALTER TABLE `t` ADD KEY `k` ((lower(`b`)), `a`), ALGORITHM=INPLACE, LOCK=NONE"},
			[][]string{{"INDEX_NAME = 'k'"}}, []string{"SEQ_IN_INDEX"}},
		{"expression key part replaced", []string{"ALTER TABLE `t` DROP INDEX `k`, ADD KEY `k` ((lower(`b`)))"}, [][]string{{""}}, nil},
		{"foreign key rules", []string{"ALTER TABLE `t` ADD CONSTRAINT `f` FOREIGN KEY (`a`, `b`) REFERENCES `x`.`p` (`c`, `d`) ON DELETE SET DEFAULT ON UPDATE CASCADE"},
			[][]string{{"DELETE_RULE = 'SET DEFAULT'", "UPDATE_RULE = 'CASCADE'", "UNIQUE_CONSTRAINT_SCHEMA = 'x'", "REFERENCED_TABLE_NAME = 'p'",
				"(1, 'a', 'c'), (2, 'b', 'd')", ") = 2"}}, nil},
		{"foreign key with RESTRICT", []string{"ALTER TABLE `t` ADD CONSTRAINT `f` FOREIGN KEY (`a`) REFERENCES `p` (`c`) ON DELETE RESTRICT ON UPDATE NO ACTION"},
			[][]string{{"DELETE_RULE IN ('RESTRICT', 'NO ACTION')", "UPDATE_RULE IN ('RESTRICT', 'NO ACTION')", "UNIQUE_CONSTRAINT_SCHEMA = DATABASE()"}}, nil},
		{"unqualified and qualified names are one table", []string{"CREATE TABLE `t` (`id` int)", "DROP TABLE `shop`.`t`"}, [][]string{{"EXISTS"}, {""}}, nil},
		{"a column added then modified", []string{"ALTER TABLE `t` ADD COLUMN `c` int NULL", "ALTER TABLE `t` MODIFY COLUMN `c` int NOT NULL"},
			[][]string{{"COLUMN_NAME = 'c'"}, {"IS_NULLABLE = 'NO'"}}, nil},
		{"a column modified twice the same", []string{"ALTER TABLE `t` ADD COLUMN `c` int NULL", "ALTER TABLE `t` MODIFY COLUMN `c` bigint NULL"},
			[][]string{{"COLUMN_NAME = 'c'"}, {""}}, nil},
		{"an index renamed to its own name (a pin) adds no condition", []string{
			"ALTER TABLE `t` DROP FOREIGN KEY `f`",
			"ALTER TABLE `t` RENAME INDEX `k` TO `K`, ALGORITHM=INPLACE, LOCK=NONE",
			"ALTER TABLE `t` ADD CONSTRAINT `f` FOREIGN KEY (`a`) REFERENCES `p` (`c`) ON DELETE CASCADE"},
			[][]string{{"NOT EXISTS", "CONSTRAINT_NAME = 'f'"}, {""}, {"DELETE_RULE = 'CASCADE'"}}, []string{"INDEX_NAME = 'k'", "INDEX_NAME = 'K'"}},
		{"a pin beside an add: the add's condition only", []string{
			"ALTER TABLE `t` RENAME INDEX `k` TO `k`, ADD CONSTRAINT `f` FOREIGN KEY (`a`) REFERENCES `p` (`c`)"},
			[][]string{{"CONSTRAINT_NAME = 'f'"}}, []string{"STATISTICS"}},
		{"a pinned index dropped later: the drop keeps its condition", []string{
			"ALTER TABLE `t` RENAME INDEX `k` TO `k`, ADD KEY `j` (`a`, `b`)",
			"ALTER TABLE `t` DROP INDEX `k`"},
			[][]string{{"INDEX_NAME = 'j'"}, {"NOT EXISTS", "INDEX_NAME = 'k'"}}, nil},
		{"MariaDB IF [NOT] EXISTS", []string{"ALTER TABLE `t` ADD COLUMN IF NOT EXISTS `c` int, DROP INDEX IF EXISTS `k`, DROP COLUMN IF EXISTS `d`, ADD KEY IF NOT EXISTS `j` (`a`)"},
			[][]string{{""}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			probes, err := doneProbes("shop", tc.stmts)
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range tc.want {
				for _, w := range want {
					if w == "" && probes[i] != "" || !strings.Contains(probes[i], w) {
						t.Errorf("statement %d: the probe lacks %q:\n%s", i+1, w, probes[i])
					}
				}
			}
			for _, p := range probes {
				for _, n := range tc.not {
					if strings.Contains(p, n) {
						t.Errorf("a probe contains %q:\n%s", n, p)
					}
				}
			}
		})
	}
}

// TestDoneProbeErrors: a statement the probes cannot read is an error
// naming it, and its probe is "" (the step's other statements keep
// theirs).
func TestDoneProbeErrors(t *testing.T) {
	tests := []struct{ stmt, want string }{
		{"UPDATE `t` SET `a` = 1", "not a DDL statement"},
		{"ALTER TABLE `t` ADD PARTITION (PARTITION p1 VALUES LESS THAN (10))", "ALTER TABLE clause"},
		{"ALTER TABLE `t` ADD KEY (`a`)", "unnamed key"},
		{"ALTER TABLE `t` ADD FOREIGN KEY (`a`) REFERENCES `p` (`id`)", "unnamed foreign key"},
		{"ALTER TABLE `t` ADDD COLUMN `c` int", "the TiDB parser cannot read it"},
		{"CREATE TRIGGER", "no trigger name"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			probes, err := doneProbes("shop", []string{"ALTER TABLE `t` DROP COLUMN `x`", tc.stmt})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "statement 2 of 2") {
				t.Fatalf("error %v, want one naming statement 2 and saying %q", err, tc.want)
			}
			if probes[0] == "" || probes[1] != "" {
				t.Errorf("probes %q: want the first statement's and none for the second", probes)
			}
		})
	}
}
