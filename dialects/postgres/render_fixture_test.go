package postgres

import (
	"github.com/tidedb/tide/schema"
)

// fixtureSchema is the schema the render and recipe tests start from: two
// schemas, enums, a sequence, tables with every kind of key, constraint,
// index, identity and generated column, and two views (one reading the
// other, listed first so that ordering matters).
func fixtureSchema() *schema.Schema {
	return &schema.Schema{
		Dialect: "postgres",
		Namespaces: []*schema.Namespace{
			{Name: "public"},
			{Name: "app", Comment: "application objects"},
		},
		Enums: []*schema.Enum{
			{Schema: "public", Name: "status", Values: []string{"active", "disabled"}},
			{Schema: "app", Name: "unused_kind", Values: []string{"a", "b"}},
		},
		Sequences: []*schema.Sequence{
			{Schema: "public", Name: "counter", Type: "integer", Start: 10, Increment: 5, Cache: 1},
			{Schema: "public", Name: "orders_ref_seq", OwnedBy: "orders.ref"},
		},
		Tables: []*schema.Table{
			{
				Schema: "public", Name: "users", Comment: "people who sign in",
				Columns: []*schema.Column{
					{Name: "id", Type: "bigint", Identity: schema.IdentityByDefault},
					{Name: "email", Type: "character varying(100)", Comment: "login"},
					{Name: "name", Type: "text", Nullable: true},
					{Name: "status", Type: "status", Default: "'active'::status"},
					{Name: "tags", Type: "status[]", Nullable: true},
					{Name: "score", Type: "integer", Default: "0"},
					{Name: "email_lower", Type: "text", Nullable: true, Generated: "lower((email)::text)"},
					{Name: "created_at", Type: "timestamp with time zone", Default: "now()"},
					{Name: "Mixed Case", Type: "text", Nullable: true, Collation: "C"},
				},
				PrimaryKey: &schema.PrimaryKey{Name: "users_pkey", Columns: []string{"id"}},
				Uniques:    []*schema.Unique{{Name: "users_email_key", Columns: []string{"email"}}},
				Checks:     []*schema.Check{{Name: "users_score_chk", Expr: "score >= 0"}},
				Indexes: []*schema.Index{
					{Name: "users_name_idx", Parts: []schema.IndexPart{{Column: "name", Desc: true, Nulls: "last"}}},
					{Name: "users_lower_email_idx", Unique: true, Parts: []schema.IndexPart{{Expr: "lower((email)::text)"}},
						Where: "name IS NOT NULL", Include: []string{"score"}},
				},
			},
			{
				Schema: "public", Name: "orders",
				Columns: []*schema.Column{
					{Name: "id", Type: "bigint"},
					{Name: "user_id", Type: "bigint", Nullable: true},
					{Name: "total", Type: "numeric(10,2)", Nullable: true},
					{Name: "ref", Type: "bigint", Default: "nextval('public.orders_ref_seq'::regclass)"},
					{Name: "note", Type: "character varying(20)", Nullable: true},
				},
				PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
				ForeignKeys: []*schema.ForeignKey{{Name: "orders_user_fk", Columns: []string{"user_id"},
					RefSchema: "public", RefTable: "users", RefColumns: []string{"id"}, OnDelete: schema.ActionCascade}},
				Indexes: []*schema.Index{{Name: "orders_user_idx", Parts: []schema.IndexPart{{Column: "user_id"}}}},
			},
			{
				Schema: "app", Name: "events",
				Columns: []*schema.Column{
					{Name: "id", Type: "integer"},
					{Name: "kind", Type: "serial"},
					{Name: "payload", Type: "jsonb", Nullable: true},
				},
			},
		},
		Views: []*schema.View{
			{Schema: "public", Name: "active_emails", Def: "SELECT email FROM public.active_users", Comment: "emails only"},
			{Schema: "public", Name: "active_users", Def: "SELECT id, email FROM public.users WHERE status = 'active'::status"},
		},
	}
}

// fixtureData is the rows the live tests put into the fixture schema.
var fixtureData = []string{
	`INSERT INTO public.users (email, name, score) VALUES ('a@x', 'Ann', 3), ('b@x', NULL, 5)`,
	`INSERT INTO public.orders (id, user_id, total, note) VALUES (1, 1, 9.50, 'first'), (2, 2, 12.00, NULL)`,
	`INSERT INTO app.events (id, payload) VALUES (1, '{}')`,
}
