package mysql

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/mysql/mytest"
	"github.com/tidedb/tide/schema"
)

// TestStats: table statistics come from information_schema.TABLES, and
// NoStats leaves them out.
func TestStats(t *testing.T) {
	url := mytest.NewDB(t)
	mytest.Exec(t, url, `CREATE TABLE t (id int PRIMARY KEY, v varchar(100));
INSERT INTO t SELECT seq, repeat('x', 100) FROM seq_1_to_2000;
ANALYZE TABLE t`)
	db := openTest(t, url)
	s, err := db.Inspect(context.Background(), inspect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := s.Tables[0].Stats
	if st == nil || st.Rows < 1000 || st.Rows > 4000 || st.Bytes < 200_000 {
		t.Errorf("stats %+v, want about 2000 rows and at least 200 kB", st)
	}
	s, err = db.Inspect(context.Background(), inspect.Options{NoStats: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Tables[0].Stats != nil {
		t.Errorf("NoStats: stats %+v", s.Tables[0].Stats)
	}
}

// TestUnsupportedObjects: what tide cannot represent makes Inspect fail
// naming every such object, instead of leaving it out.
func TestUnsupportedObjects(t *testing.T) {
	url := mytest.NewDB(t)
	mytest.Exec(t, url, `CREATE TABLE t (id int PRIMARY KEY, a int, hidden int INVISIBLE, KEY ix_comment (a) COMMENT 'why');
CREATE TABLE ign (id int PRIMARY KEY, a int, KEY ix_ignored (a) IGNORED);
CREATE TABLE rf (id int PRIMARY KEY) MAX_ROWS=100;
CREATE VIEW v AS SELECT id FROM t`)
	_, err := openTest(t, url).Inspect(context.Background(), inspect.Options{})
	if err == nil {
		t.Fatal("Inspect succeeded")
	}
	for _, want := range []string{`view "v"`, `invisible column "hidden" of table "t"`, `index "ix_comment" on table "t" with a comment`,
		`invisible (ignored) index "ix_ignored" on table "ign"`, `table "rf" with options max_rows=100`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

// TestInspectScope: a MySQL URL names one database; --schema may name it
// and nothing else.
func TestInspectScope(t *testing.T) {
	url := mytest.NewDB(t)
	mytest.Exec(t, url, "CREATE TABLE t (id int)")
	db := openTest(t, url)
	if _, err := db.Inspect(context.Background(), inspect.Options{Schemas: []string{db.name}}); err != nil {
		t.Errorf("its own database: %v", err)
	}
	_, err := db.Inspect(context.Background(), inspect.Options{Schemas: []string{"mysql"}})
	if err == nil || !strings.Contains(err.Error(), `"mysql" cannot be inspected`) {
		t.Errorf("another database: %v", err)
	}
}

// TestForeignKeyToOtherDatabase: a foreign key to a table of another
// database keeps that database's name; one to the same database gets the
// name the objects are reported under.
func TestForeignKeyToOtherDatabase(t *testing.T) {
	other := mytest.NewDB(t)
	mytest.Exec(t, other, "CREATE TABLE p (id int PRIMARY KEY)")
	url := mytest.NewDB(t)
	otherName := mytest.Config(t, other).DBName
	mytest.Exec(t, url, "CREATE TABLE q (id int PRIMARY KEY); CREATE TABLE c (a int, b int, CONSTRAINT fa FOREIGN KEY (a) REFERENCES `"+otherName+"`.p (id), CONSTRAINT fb FOREIGN KEY (b) REFERENCES q (id) ON DELETE CASCADE ON UPDATE SET NULL)")
	db := openTest(t, url)
	s, err := db.Inspect(context.Background(), inspect.Options{NoStats: true})
	if err != nil {
		t.Fatal(err)
	}
	c := s.Table(schema.QName{Schema: db.name, Name: "c"})
	want := []*schema.ForeignKey{
		{Name: "fa", Columns: []string{"a"}, RefSchema: otherName, RefTable: "p", RefColumns: []string{"id"}},
		{Name: "fb", Columns: []string{"b"}, RefSchema: db.name, RefTable: "q", RefColumns: []string{"id"}, OnDelete: schema.ActionCascade, OnUpdate: schema.ActionSetNull},
	}
	if c == nil || modelJSON(t, &schema.Schema{Tables: []*schema.Table{{ForeignKeys: c.ForeignKeys}}}) != modelJSON(t, &schema.Schema{Tables: []*schema.Table{{ForeignKeys: want}}}) {
		t.Errorf("foreign keys of c: %s", modelJSON(t, s))
	}
}

func TestParseExtra(t *testing.T) {
	tests := []struct {
		extra string
		want  extraInfo
	}{
		{"auto_increment", extraInfo{autoIncrement: true}},
		{"on update current_timestamp()", extraInfo{onUpdate: "current_timestamp()"}},
		{"DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)", extraInfo{defaultGenerated: true, onUpdate: "CURRENT_TIMESTAMP(3)"}},
		{"VIRTUAL GENERATED", extraInfo{generated: "virtual"}},
		{"STORED GENERATED", extraInfo{generated: "stored"}},
		{"PERSISTENT GENERATED", extraInfo{generated: "stored"}},
		{"INVISIBLE", extraInfo{invisible: true}},
		{"", extraInfo{}},
	}
	for _, tt := range tests {
		if got := parseExtra(tt.extra); got != tt.want {
			t.Errorf("parseExtra(%q) = %+v, want %+v", tt.extra, got, tt.want)
		}
	}
}

// TestColumnDefault covers both servers' spellings of COLUMN_DEFAULT,
// MySQL 8's from its documentation (no MySQL server runs here).
func TestColumnDefault(t *testing.T) {
	null := sql.NullString{}
	str := func(s string) sql.NullString { return sql.NullString{String: s, Valid: true} }
	tests := []struct {
		mariaDB    bool
		typ        string
		def        sql.NullString
		expression bool
		want       string
	}{
		{true, "int(11)", str("NULL"), false, ""},
		{true, "varchar(3)", str("'NULL'"), false, "'NULL'"},
		{true, "int(11)", null, false, ""},
		{true, "varchar(5)", str("'a''b'"), false, "'a''b'"},
		{true, "datetime", str("current_timestamp()"), false, "current_timestamp()"},
		{false, "varchar(5)", str("a'b"), false, `'a''b'`},
		{false, "varchar(5)", str(`back\slash`), false, `'back\\slash'`},
		{false, "int", str("5"), false, "5"},
		{false, "decimal(6,2)", str("1.50"), false, "1.50"},
		{false, "bit(3)", str("b'101'"), false, "b'101'"},
		{false, "varbinary(4)", str("0x0A0B"), false, "x'0a0b'"},
		{false, "datetime", str("CURRENT_TIMESTAMP"), true, "CURRENT_TIMESTAMP"},
		{false, "char(36)", str("uuid()"), true, "uuid()"},
		{false, "date", str("2020-01-31"), false, "'2020-01-31'"},
		{false, "int", null, false, ""},
	}
	for _, tt := range tests {
		if got := columnDefault(tt.mariaDB, tt.typ, tt.def, tt.expression); got != tt.want {
			t.Errorf("columnDefault(mariadb=%v, %s, %+v, %v) = %q, want %q", tt.mariaDB, tt.typ, tt.def, tt.expression, got, tt.want)
		}
	}
}

// TestImplicitTimestampDefaults: a table created with
// explicit_defaults_for_timestamp off (the MySQL 5.7 and MariaDB < 10.10
// default) has the implicit defaults for real, and they are reported as
// the column's own, so that drift sees them.
func TestImplicitTimestampDefaults(t *testing.T) {
	url := mytest.NewDB(t)
	mytest.Exec(t, url, "SET SESSION explicit_defaults_for_timestamp = 0; CREATE TABLE t (id int PRIMARY KEY, first timestamp, second timestamp)")
	s, err := openTest(t, url).Inspect(context.Background(), inspect.Options{NoStats: true})
	if err != nil {
		t.Fatal(err)
	}
	first, second := s.Tables[0].Column("first"), s.Tables[0].Column("second")
	if first.Nullable || first.Default != "current_timestamp()" || first.Attrs[schema.AttrOnUpdate] != "current_timestamp()" {
		t.Errorf("first timestamp: %+v", first)
	}
	if second.Nullable || second.Default != "'0000-00-00 00:00:00'" || second.Attrs != nil {
		t.Errorf("second timestamp: %+v", second)
	}
}
