package postgres

import (
	"reflect"
	"testing"

	"github.com/tidedb/tide/schema"
)

func TestIdentifiers(t *testing.T) {
	cases := []struct {
		expr string
		want []string
	}{
		{"amount >= 0", []string{"amount"}},
		{`lower("Email") = 'X'`, []string{"lower", "Email"}},
		{`"a""b" + c1`, []string{`a"b`, "c1"}},
		{"'it''s' || name", []string{"name"}},
		{`E'a\'b' || Name`, []string{"e", "name"}},
		{"$$ not_a_col $$ || $tag$ x $tag$ || y", []string{"y"}},
		{"f($1) -- comment col\n+ z", []string{"f", "z"}},
		{"/* a */ b::numeric(10,2)", []string{"b", "numeric"}},
		{"x12 + 12e3", []string{"x12"}},
	}
	for _, c := range cases {
		if got := (Dialect{}).Identifiers(c.expr); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Identifiers(%q) = %q, want %q", c.expr, got, c.want)
		}
	}
}

func TestNeedsShadow(t *testing.T) {
	plain := &schema.Table{Columns: []*schema.Column{{Name: "id", Type: "bigint"}}}
	serial := &schema.Table{Columns: []*schema.Column{{Name: "id", Type: "bigserial"}}}
	if (Dialect{}).NeedsShadow(plain) {
		t.Error("a table without serial columns needs no shadow")
	}
	if !(Dialect{}).NeedsShadow(serial) {
		t.Error("a bigserial column needs the shadow")
	}
}

func TestIndexNeedsServer(t *testing.T) {
	cases := []struct {
		parts []schema.IndexPart
		want  bool
	}{
		{[]schema.IndexPart{{Column: "a"}, {Expr: "lower(b)"}}, false},
		{[]schema.IndexPart{{Column: "a"}, {Column: "b", Opclass: "text_pattern_ops"}}, true},
		{[]schema.IndexPart{{Expr: "lower(b)", Opclass: "text_ops"}}, true},
	}
	for _, c := range cases {
		if got := (Dialect{}).IndexNeedsServer(nil, &schema.Index{Parts: c.parts}); got != c.want {
			t.Errorf("IndexNeedsServer(%+v) = %t, want %t", c.parts, got, c.want)
		}
	}
}
