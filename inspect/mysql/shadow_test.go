package mysql

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/mysql/mytest"
	"github.com/tidedb/tide/schema"
)

// databaseExists reports whether the server has a database of that name.
func databaseExists(t *testing.T, db *Database, name string) bool {
	t.Helper()
	var n int
	if err := db.DB().QueryRow("SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

// TestShadow: the shadow database has the target's default character set
// and collation, reports its objects under the target's name with their
// AUTO_INCREMENT start, and is gone after drop.
func TestShadow(t *testing.T) {
	url := mytest.NewDB(t)
	mytest.Exec(t, url, "ALTER DATABASE CHARACTER SET latin1 COLLATE latin1_general_cs")
	db := openTest(t, url)
	ctx := context.Background()
	sh, drop, err := db.Shadow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	shadow := sh.(*Database)
	name := shadow.cfg.DBName
	if !strings.HasPrefix(name, ShadowPrefix) || !databaseExists(t, db, name) {
		t.Fatalf("shadow database %q not created", name)
	}
	if shadow.server.Charset != "latin1" || shadow.server.Collation != "latin1_general_cs" {
		t.Errorf("shadow defaults %s/%s, want latin1/latin1_general_cs", shadow.server.Charset, shadow.server.Collation)
	}
	if _, err := shadow.DB().Exec("CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY, c varchar(5)) AUTO_INCREMENT = 50"); err != nil {
		t.Fatal(err)
	}
	s, err := shadow.Inspect(ctx, inspect.Options{Schemas: []string{db.name}, NoStats: true})
	if err != nil {
		t.Fatal(err)
	}
	tb := s.Table(schema.QName{Schema: db.name, Name: "t"})
	if tb == nil {
		t.Fatalf("the shadow's table is not reported under %s: %s", db.name, modelJSON(t, s))
	}
	if tb.Attrs[schema.AttrAutoIncrement] != "50" || tb.Column("c").Collation != "" || tb.Attrs[schema.AttrCollate] != "" {
		t.Errorf("shadow table: attrs %v, column collation %q; want auto_increment 50 and inherited collations", tb.Attrs, tb.Column("c").Collation)
	}
	if err := drop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := drop(ctx); err != nil {
		t.Fatalf("a second drop: %v", err)
	}
	if databaseExists(t, db, name) {
		t.Errorf("shadow database %s left behind", name)
	}
}

// TestLiveCounterIsNotAnOption: a live table's AUTO_INCREMENT counter moves
// with its rows and is never reported.
func TestLiveCounterIsNotAnOption(t *testing.T) {
	url := mytest.NewDB(t)
	mytest.Exec(t, url, "CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT = 50; INSERT INTO t VALUES (), ()")
	s, err := openTest(t, url).Inspect(context.Background(), inspect.Options{NoStats: true})
	if err != nil {
		t.Fatal(err)
	}
	if a := s.Tables[0].Attrs; a != nil {
		t.Errorf("live table attrs %v, want none", a)
	}
}

// normalizeSQL runs a desired SQL schema through the shadow database of db.
func normalizeSQL(t *testing.T, db *Database, file, src string) *schema.Schema {
	t.Helper()
	d := db.Dialect()
	s, err := d.ParseSQL(file, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Normalize(s); err != nil {
		t.Fatal(err)
	}
	out, err := inspect.NormalizeWithShadow(context.Background(), db, s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestShadowNormalizationMatchesLoadedDDL: for every file of the parser
// corpus, the desired schema normalised through the shadow is exactly the
// inspection of a database loaded from the file — the property that makes
// drift exit 0 right after loading.
func TestShadowNormalizationMatchesLoadedDDL(t *testing.T) {
	for _, file := range parseCorpus(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			url := mytest.NewDB(t)
			db := openTest(t, url)
			desired := normalizeSQL(t, db, file, string(src))
			mytest.Exec(t, url, string(src))
			live, err := db.Inspect(context.Background(), inspect.Options{NoStats: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, tb := range desired.Tables {
				delete(tb.Attrs, schema.AttrAutoIncrement) // a creation option, never reported live
				if len(tb.Attrs) == 0 {
					tb.Attrs = nil
				}
			}
			requireSame(t, "shadow-normalised vs loaded", desired, live)
		})
	}
}

// TestSpellingsNormalizeAlike: schemas that mean the same but are written
// differently are the same once normalised through the shadow.
func TestSpellingsNormalizeAlike(t *testing.T) {
	pairs := []struct{ name, a, b string }{
		{"display widths and synonyms", "CREATE TABLE t (a int(11), b bool, c integer unsigned, d numeric(5,2))",
			"CREATE TABLE t (a int, b tinyint(1), c int unsigned, d decimal(5,2))"},
		{"quoted numeric defaults", "CREATE TABLE t (a int DEFAULT '5', b decimal(6,2) DEFAULT '1.5', c varchar(5) DEFAULT 7, d float DEFAULT 2.50)",
			"CREATE TABLE t (a int DEFAULT 5, b decimal(6,2) DEFAULT 1.50, c varchar(5) DEFAULT '7', d float DEFAULT '2.5')"},
		{"inherited options", "CREATE TABLE t (a varchar(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
			"CREATE TABLE t (a varchar(5))"},
		{"column charset named alone", "CREATE TABLE t (a varchar(5) CHARACTER SET latin1) COLLATE utf8mb4_bin",
			"CREATE TABLE t (a varchar(5) COLLATE latin1_swedish_ci) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"},
		{"btree and key words", "CREATE TABLE t (a int, INDEX ix (a) USING BTREE)", "CREATE TABLE t (a int, KEY ix (a))"},
		{"json as MariaDB prints it", "CREATE TABLE t (j json)",
			"CREATE TABLE t (j longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin CHECK (json_valid(`j`)))"},
		{"now synonyms and parentheses", "CREATE TABLE t (a datetime DEFAULT now() ON UPDATE now(), b int DEFAULT (abs(-2)))",
			"CREATE TABLE t (a datetime DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, b int DEFAULT (ABS( -2 )))"},
		{"restrict is no action", "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p int, CONSTRAINT f FOREIGN KEY (p) REFERENCES p (id) ON DELETE RESTRICT)",
			"CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p int, CONSTRAINT f FOREIGN KEY (p) REFERENCES p (id) ON DELETE NO ACTION)"},
	}
	url := mytest.NewDB(t)
	db := openTest(t, url)
	for _, p := range pairs {
		t.Run(p.name, func(t *testing.T) {
			a := normalizeSQL(t, db, "a.sql", p.a)
			b := normalizeSQL(t, db, "b.sql", p.b)
			requireSame(t, "normalised spellings", a, b)
		})
	}
}
