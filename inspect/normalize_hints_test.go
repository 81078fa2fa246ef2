package inspect

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

func TestCopyHints(t *testing.T) {
	pos := func(line int) schema.Pos { return schema.Pos{File: "s.hcl", Line: line, Column: 1} }
	desired := &schema.Schema{
		Namespaces: []*schema.Namespace{{Name: "app", Pos: pos(1)}},
		Tables: []*schema.Table{{
			Schema: "app", Name: "users", RenamedFrom: "accounts", Rename: "direct", Pos: pos(2),
			Columns: []*schema.Column{
				{Name: "id", Type: "int", Pos: pos(3)},
				{Name: "email", Type: "text", RenamedFrom: "mail", Backfill: "lower(mail)", Using: "mail::text", Pos: pos(4)},
			},
			PrimaryKey:  &schema.PrimaryKey{Columns: []string{"id"}, Pos: pos(5)},
			Uniques:     []*schema.Unique{{Name: "u", Pos: pos(6)}},
			Checks:      []*schema.Check{{Name: "c", Pos: pos(7)}},
			ForeignKeys: []*schema.ForeignKey{{Name: "f", Pos: pos(8)}},
			Indexes:     []*schema.Index{{Name: "i", Pos: pos(9)}},
		}},
		Enums:     []*schema.Enum{{Schema: "app", Name: "e", Pos: pos(10)}},
		Sequences: []*schema.Sequence{{Schema: "app", Name: "s", Pos: pos(11)}},
		Views:     []*schema.View{{Schema: "app", Name: "v", Pos: pos(12)}},
	}
	to := &schema.Schema{
		Namespaces: []*schema.Namespace{{Name: "app"}},
		Tables: []*schema.Table{{
			Schema: "app", Name: "users",
			Columns:     []*schema.Column{{Name: "id", Type: "integer"}, {Name: "email", Type: "text"}, {Name: "extra", Type: "text"}},
			PrimaryKey:  &schema.PrimaryKey{Columns: []string{"id"}},
			Uniques:     []*schema.Unique{{Name: "u"}},
			Checks:      []*schema.Check{{Name: "c"}},
			ForeignKeys: []*schema.ForeignKey{{Name: "f"}},
			Indexes:     []*schema.Index{{Name: "i"}, {Name: "other"}},
		}, {Schema: "app", Name: "not_desired"}},
		Enums:     []*schema.Enum{{Schema: "app", Name: "e"}},
		Sequences: []*schema.Sequence{{Schema: "app", Name: "s"}},
		Views:     []*schema.View{{Schema: "app", Name: "v"}},
	}
	CopyHints(desired, to)
	u := to.Tables[0]
	tests := []struct {
		what      string
		got, want any
	}{
		{"namespace pos", to.Namespaces[0].Pos, pos(1)},
		{"table hints", []any{u.RenamedFrom, u.Rename, u.Pos}, []any{"accounts", "direct", pos(2)}},
		{"column pos", u.Columns[0].Pos, pos(3)},
		{"column hints", *u.Columns[1], schema.Column{Name: "email", Type: "text", RenamedFrom: "mail", Backfill: "lower(mail)", Using: "mail::text", Pos: pos(4)}},
		{"column type kept from the normalised side", u.Columns[0].Type, "integer"},
		{"column not desired", *u.Columns[2], schema.Column{Name: "extra", Type: "text"}},
		{"pk", u.PrimaryKey.Pos, pos(5)},
		{"unique", u.Uniques[0].Pos, pos(6)},
		{"check", u.Checks[0].Pos, pos(7)},
		{"fk", u.ForeignKeys[0].Pos, pos(8)},
		{"index", u.Indexes[0].Pos, pos(9)},
		{"index not desired", u.Indexes[1].Pos, schema.Pos{}},
		{"table not desired", to.Tables[1].Pos, schema.Pos{}},
		{"enum", to.Enums[0].Pos, pos(10)},
		{"sequence", to.Sequences[0].Pos, pos(11)},
		{"view", to.Views[0].Pos, pos(12)},
	}
	for _, tt := range tests {
		if g, w := fmt.Sprintf("%#v", tt.got), fmt.Sprintf("%#v", tt.want); g != w {
			t.Errorf("%s:\n got %s\nwant %s", tt.what, g, w)
		}
	}
}

func TestNamespacesOf(t *testing.T) {
	s := &schema.Schema{
		Namespaces: []*schema.Namespace{{Name: "empty"}},
		Tables:     []*schema.Table{{Schema: "app", Name: "t"}},
		Enums:      []*schema.Enum{{Schema: "types", Name: "e"}},
		Sequences:  []*schema.Sequence{{Schema: "app", Name: "s"}},
		Views:      []*schema.View{{Schema: "reports", Name: "v"}},
	}
	if got, want := strings.Join(namespacesOf(s, "public"), ","), "app,empty,public,reports,types"; got != want {
		t.Errorf("namespacesOf = %s, want %s", got, want)
	}
}

// quotingDialect is a Dialect whose only working method is QuoteIdent.
type quotingDialect struct{ dialects.Dialect }

func (quotingDialect) QuoteIdent(s string) string { return `"` + s + `"` }

func TestObjectOfStatement(t *testing.T) {
	s := &schema.Schema{
		Namespaces: []*schema.Namespace{{Name: "app", Pos: schema.Pos{File: "a.hcl", Line: 1, Column: 1}}},
		Tables: []*schema.Table{
			{Schema: "app", Name: "users", Pos: schema.Pos{File: "a.hcl", Line: 3, Column: 1}},
			{Schema: "app", Name: "orgs"},
		},
		Views: []*schema.View{{Schema: "app", Name: "v"}},
		Enums: []*schema.Enum{{Schema: "app", Name: "status"}},
	}
	tests := []struct{ stmt, want string }{
		{`CREATE TABLE "app"."users" ("id" integer)`, `table "app.users" (a.hcl:3:1)`},
		{`ALTER TABLE "app"."orgs" ADD CONSTRAINT "f" FOREIGN KEY ("u") REFERENCES "app"."users" ("id")`, `table "app.orgs"`},
		{`CREATE VIEW "app"."v" AS SELECT 1`, `view "app.v"`},
		{`CREATE TYPE "app"."status" AS ENUM ('a')`, `enum "app.status"`},
		{`CREATE SCHEMA "app"`, `schema "app" (a.hcl:1:1)`},
		{`SELECT 1`, "the desired schema"},
	}
	for _, tt := range tests {
		if got := objectOfStatement(quotingDialect{}, s, tt.stmt); got != tt.want {
			t.Errorf("objectOfStatement(%s) = %s, want %s", tt.stmt, got, tt.want)
		}
	}
}
