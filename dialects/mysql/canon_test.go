package mysql

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tidedb/tide/schema"
)

func TestIdentifiers(t *testing.T) {
	cases := []struct {
		expr string
		want []string
	}{
		{"`amount` >= 0", []string{"amount"}},
		{"lower(`Email`) = 'X'", []string{"lower", "email"}},
		{"`a``b` + c1", []string{"a`b", "c1"}},
		{`'it''s' || "dq \" x" || name`, []string{"name"}},
		{`'back\'slash' + Name`, []string{"name"}},
		{"f(1) -- comment col\n+ z # other\n- y", []string{"f", "z", "y"}},
		{"/* a */ b * 2 /* unterminated", []string{"b"}},
		{"x12 + 12e3 + $v + _utf8mb4'q'", []string{"x12", "$v", "_utf8mb4"}},
		{"a--b", []string{"a", "b"}},
		{"a-- b", []string{"a"}},
	}
	for _, c := range cases {
		if got := (Dialect{}).Identifiers(c.expr); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Identifiers(%q) = %q, want %q", c.expr, got, c.want)
		}
	}
}

func TestNeedsShadow(t *testing.T) {
	d := Dialect{Database: "db", Server: testServer()}
	base := func() *schema.Table {
		return &schema.Table{Schema: "db", Name: "t",
			Columns: []*schema.Column{
				{Name: "id", Type: "bigint", Identity: schema.IdentityByDefault},
				{Name: "name", Type: "varchar(200)", Nullable: true, Default: "'x'"},
				{Name: "at", Type: "timestamp", Nullable: true},
			},
			PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
			Checks:     []*schema.Check{{Name: "name_chk", Expr: "`name` <> ''"}},
		}
	}
	long := strings.Repeat("n", 65)
	cases := []struct {
		name   string
		change func(*schema.Table)
		want   bool
	}{
		{"plain", func(*schema.Table) {}, false},
		{"engine", func(t *schema.Table) { t.Attrs = map[string]string{schema.AttrEngine: "MyISAM"} }, true},
		{"not null timestamp without default", func(t *schema.Table) { t.Columns[2].Nullable = false }, true},
		{"not null timestamp with default", func(t *schema.Table) {
			t.Columns[2].Nullable, t.Columns[2].Default = false, "current_timestamp()"
		}, false},
		{"auto_increment with default", func(t *schema.Table) { t.Columns[0].Default = "1" }, true},
		{"long column name", func(t *schema.Table) { t.Columns[1].Name = long }, true},
		{"long table comment", func(t *schema.Table) { t.Comment = strings.Repeat("c", 2049) }, true},
		{"long check name", func(t *schema.Table) { t.Checks[0].Name = long }, true},
		{"check named like a json column", func(t *schema.Table) {
			t.Columns[1].Type, t.Columns[1].Default = "json", ""
			t.Checks[0].Name = "NAME"
		}, true},
		{"text primary key", func(t *schema.Table) { t.PrimaryKey.Columns = []string{"ID", "at", "name"}; t.Columns[1].Type = "text" }, true},
		{"long primary key", func(t *schema.Table) { t.PrimaryKey.Columns = []string{"name"}; t.Columns[1].Type = "varchar(800)" }, true},
		{"primary key within 3072 bytes", func(t *schema.Table) { t.PrimaryKey.Columns = []string{"name"}; t.Columns[1].Type = "varchar(700)" }, false},
		{"primary key on a missing column", func(t *schema.Table) { t.PrimaryKey.Columns = []string{"nope"} }, true},
		{"row beyond the estimate", func(t *schema.Table) {
			for i := 0; i < 20; i++ {
				t.Columns = append(t.Columns, &schema.Column{Name: "v" + string(rune('a'+i)), Type: "varchar(1000)"})
			}
		}, true},
	}
	for _, c := range cases {
		tb := base()
		c.change(tb)
		if got := d.NeedsShadow(tb); got != c.want {
			t.Errorf("%s: NeedsShadow = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestIndexNeedsServer(t *testing.T) {
	tb := &schema.Table{Columns: []*schema.Column{
		{Name: "id", Type: "bigint"}, {Name: "at", Type: "datetime(6)"}, {Name: "name", Type: "varchar(20)"},
	}}
	cases := []struct {
		ix   schema.Index
		want bool
	}{
		{schema.Index{Parts: []schema.IndexPart{{Column: "id"}, {Column: "AT"}}}, false},
		{schema.Index{Parts: []schema.IndexPart{{Column: "name"}}}, true},
		{schema.Index{Unique: true, Parts: []schema.IndexPart{{Column: "id"}}}, true},
		{schema.Index{Using: "hash", Parts: []schema.IndexPart{{Column: "id"}}}, true},
		{schema.Index{Parts: []schema.IndexPart{{Column: "id", Desc: true}}}, true},
		{schema.Index{Parts: []schema.IndexPart{{Column: "id", Length: 4}}}, true},
		{schema.Index{Parts: []schema.IndexPart{{Expr: "`id` + 1"}}}, true},
		{schema.Index{Parts: []schema.IndexPart{{Column: "missing"}}}, true},
	}
	for _, c := range cases {
		if got := (Dialect{}).IndexNeedsServer(tb, &c.ix); got != c.want {
			t.Errorf("IndexNeedsServer(%+v) = %v, want %v", c.ix, got, c.want)
		}
	}
}

func TestScratchFitsCountsBytesByCharset(t *testing.T) {
	d := Dialect{Server: testServer()}
	table := func(attrs map[string]string, n int, typ string, colAttrs map[string]string) *schema.Table {
		tb := &schema.Table{Attrs: attrs}
		for i := 0; i < n; i++ {
			tb.Columns = append(tb.Columns, &schema.Column{Type: typ, Attrs: colAttrs})
		}
		return tb
	}
	latin := map[string]string{schema.AttrCharset: "latin1"}
	cases := []struct {
		name string
		t    *schema.Table
		want bool
	}{
		{"14 utf8mb4 varchar(1000)", table(nil, 14, "varchar(1000)", nil), true},
		{"15 utf8mb4 varchar(1000)", table(nil, 15, "varchar(1000)", nil), false},
		{"50 latin1 varchar(1000)", table(latin, 50, "varchar(1000)", nil), true},
		{"50 latin1-column varchar(1000)", table(nil, 50, "varchar(1000)", latin), true},
		{"28 inline varchar(60) utf8mb4", table(nil, 28, "varchar(60)", nil), true},
		{"29 inline varchar(60) utf8mb4", table(nil, 29, "varchar(60)", nil), false},
		{"1000 text", table(nil, 1000, "text", nil), false},
		{"100 bigint", table(nil, 100, "bigint", nil), true},
	}
	for _, c := range cases {
		if got := d.ScratchFits(c.t); got != c.want {
			t.Errorf("%s: ScratchFits = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestScratchContext(t *testing.T) {
	tb := &schema.Table{Attrs: map[string]string{schema.AttrCharset: "latin1", schema.AttrAutoIncrement: "5"}}
	if got := (Dialect{}).ScratchTableAttrs(tb); !reflect.DeepEqual(got, map[string]string{schema.AttrCharset: "latin1"}) {
		t.Errorf("ScratchTableAttrs = %v, want only the charset", got)
	}
	gen := &schema.Column{Name: "g", Type: "int", Generated: "`a` + 1", Comment: "c", Identity: schema.IdentityByDefault,
		Attrs: map[string]string{schema.AttrVirtual: "true", schema.AttrCharset: "latin1"}}
	want := &schema.Column{Type: "int", Attrs: map[string]string{schema.AttrVirtual: "true", schema.AttrCharset: "latin1"}}
	if got := (Dialect{}).ScratchColumn(gen); !reflect.DeepEqual(got, want) {
		t.Errorf("ScratchColumn(generated) = %+v, want %+v", got, want)
	}
	plain := &schema.Column{Type: "int", Nullable: true, Attrs: map[string]string{schema.AttrVirtual: "true"}}
	if got := (Dialect{}).ScratchColumn(plain); got.Attrs != nil || !got.Nullable {
		t.Errorf("ScratchColumn(plain) = %+v, want no VIRTUAL without an expression", got)
	}
}
