package postgres

import (
	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
	"slices"
)

// recipeCase is one change applied to the fixture schema (fixtureSchema +
// fixtureData loaded), used by both the golden and the live recipe tests.
type recipeCase struct {
	name   string
	change schema.Change
	// desired edits a copy of the fixture into the desired schema (optional).
	desired func(*schema.Schema)
	// newTable marks the change's table as created by the plan.
	newTable *schema.QName
	// setup runs before the change in the live test (optional).
	setup []string
	// more are the changes the planner emits right after change in the same
	// plan (the Add of a replacement, the key after its NOT NULL columns).
	more []schema.Change
	// current edits a copy of the fixture into the current schema (optional;
	// setup makes the live database match).
	current func(*schema.Schema)
	// version is the server version the recipes see (default 15.0).
	version dialects.Version
	// renamed maps desired to current names of tables the plan renames.
	renamed map[schema.QName]schema.QName
	// rebuilt are the foreign keys the planner rebuilds around a replaced key.
	rebuilt []dialects.ForeignKeyRef
}

// changes lists the case's changes in plan order.
func (tc recipeCase) changes() []schema.Change {
	return append([]schema.Change{tc.change}, tc.more...)
}

// recipeEnv builds the environment of a case: PostgreSQL 15, the fixture as
// the current schema and the edited copy as the desired one.
func recipeEnv(tc recipeCase) *dialects.Env {
	cur := fixtureSchema()
	if tc.current != nil {
		tc.current(cur)
	}
	des := fixtureSchema()
	if tc.current != nil {
		tc.current(des)
	}
	if tc.desired != nil {
		tc.desired(des)
	} else {
		withoutDropped(des, tc.change)
	}
	v := tc.version
	if v.Major == 0 {
		v = dialects.Version{Flavor: "postgres", Major: 15}
	}
	env := &dialects.Env{Version: v, Current: cur, Desired: des, NewTables: map[schema.QName]bool{}, RenamedTables: tc.renamed}
	if tc.newTable != nil {
		env.NewTables[*tc.newTable] = true
	}
	for _, r := range tc.rebuilt {
		if env.RebuiltForeignKeys == nil {
			env.RebuiltForeignKeys = map[dialects.ForeignKeyRef]bool{}
		}
		env.RebuiltForeignKeys[r] = true
	}
	return env
}

// caseActions returns the actions of every change of a case in the order a
// plan runs them: by phase, keeping the changes' order inside a phase.
func caseActions(tc recipeCase) ([]dialects.Action, error) {
	env := recipeEnv(tc)
	byPhase := map[dialects.Phase][]dialects.Action{}
	for _, c := range tc.changes() {
		actions, err := Dialect{}.Recipe(c, env)
		if err != nil {
			return nil, err
		}
		for _, a := range actions {
			byPhase[a.Phase] = append(byPhase[a.Phase], a)
		}
	}
	var out []dialects.Action
	for _, ph := range dialects.Phases {
		out = append(out, byPhase[ph]...)
	}
	return out, nil
}

// withoutDropped removes from a desired schema the object a drop change
// removes, as a real diff would have it (a drop whose object survives by name
// is half of a replacement: see the replace_* cases).
func withoutDropped(des *schema.Schema, c schema.Change) {
	var t *schema.Table
	switch c := c.(type) {
	case schema.DropPrimaryKey:
		des.Table(c.T.QName()).PrimaryKey = nil
	case schema.DropUnique:
		t = des.Table(c.T.QName())
		t.Uniques = slices.DeleteFunc(t.Uniques, func(u *schema.Unique) bool { return u.Name == c.U.Name })
	case schema.DropCheck:
		t = des.Table(c.T.QName())
		t.Checks = slices.DeleteFunc(t.Checks, func(k *schema.Check) bool { return k.Name == c.C.Name })
	case schema.DropForeignKey:
		t = des.Table(c.T.QName())
		t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(f *schema.ForeignKey) bool { return f.Name == c.FK.Name })
	case schema.DropIndex:
		t = des.Table(c.T.QName())
		t.Indexes = slices.DeleteFunc(t.Indexes, func(i *schema.Index) bool { return i.Name == c.I.Name })
	}
}

// alter builds an AlterColumn of a fixture column: edit changes a copy.
func alter(table, column string, changes schema.ColumnChange, edit func(c *schema.Column)) schema.AlterColumn {
	t := fixtureSchema().Table(schema.ParseQName(table, "public"))
	from := t.Column(column)
	to := *from
	edit(&to)
	return schema.AlterColumn{T: t, From: from, To: &to, Changes: changes}
}

func fxTable(name string) *schema.Table {
	return fixtureSchema().Table(schema.ParseQName(name, "public"))
}

func recipeCases() []recipeCase {
	users, orders, events := fxTable("users"), fxTable("orders"), fxTable("app.events")
	fx := fixtureSchema()
	newTable := &schema.Table{Schema: "app", Name: "audit", Comment: "audit trail",
		Columns: []*schema.Column{
			{Name: "id", Type: "bigint", Identity: schema.IdentityAlways},
			{Name: "at", Type: "timestamp with time zone", Default: "now()", Comment: "when"},
			{Name: "who", Type: "text", Nullable: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "audit_pkey", Columns: []string{"id"}},
		Uniques:    []*schema.Unique{{Name: "audit_who_key", Columns: []string{"who", "at"}, Deferrable: true, InitiallyDeferred: true}},
		Checks:     []*schema.Check{{Name: "audit_who_chk", Expr: "who <> ''", NoInherit: true}},
		Indexes:    []*schema.Index{{Name: "audit_at_idx", Using: "brin", Parts: []schema.IndexPart{{Column: "at"}}}},
	}
	newQ := newTable.QName()
	status2 := &schema.Enum{Schema: "public", Name: "status", Values: []string{"banned", "active"}}
	newEmailIdx := &schema.Index{Name: "users_lower_email_idx", Unique: true, Parts: []schema.IndexPart{{Expr: "lower((email)::text)"}}}
	newScoreChk := &schema.Check{Name: "users_score_chk", Expr: "score >= 0 AND score < 1000"}
	newUserFK := &schema.ForeignKey{Name: "orders_user_fk", Columns: []string{"user_id"},
		RefSchema: "public", RefTable: "users", RefColumns: []string{"id"}, OnDelete: schema.ActionSetNull}
	directUsers := fxTable("users")
	directUsers.Rename = "direct"
	renamedUsers := fxTable("users")
	renamedUsers.Name = "people"
	renamedUsers2 := fxTable("users")
	renamedUsers2.Name = "people"
	nullableID := *events.Column("id")
	nullableID.Nullable = true
	eventsNullableID := fxTable("app.events")
	eventsNullableID.Column("id").Nullable = true
	emailIDPK := &schema.PrimaryKey{Name: "users_pkey", Columns: []string{"email", "id"}}
	emailNameKey := &schema.Unique{Name: "users_email_key", Columns: []string{"email", "name"}}
	userFK := orders.ForeignKeys[0]
	pointsCol := &schema.Column{Name: "points", Type: "bigint", Default: "'0'::bigint", RenamedFrom: "score"}
	noteUserFK := &schema.ForeignKey{Name: userFK.Name, Columns: []string{"note", "user_id"},
		RefSchema: "public", RefTable: "users", RefColumns: []string{"email", "id"}, OnDelete: schema.ActionCascade}
	// longName is 63 bytes: its temporary name must be cut to fit.
	longName := "orders_note_index_with_a_name_long_enough_to_hit_the_limit_abcd"
	return []recipeCase{
		{name: "add_schema", change: schema.AddNamespace{N: &schema.Namespace{Name: "Reports", Comment: "for BI"}}},
		{name: "drop_schema", change: schema.DropNamespace{N: &schema.Namespace{Name: "empty"}}, setup: []string{`CREATE SCHEMA empty`}},
		{name: "set_schema_comment", change: schema.SetNamespaceComment{From: fx.Namespace("app"), To: &schema.Namespace{Name: "app", Comment: "it's new"}}},
		{name: "add_table", change: schema.AddTable{T: newTable}, newTable: &newQ},
		{name: "drop_table", change: schema.DropTable{T: events}},
		{name: "rename_table", change: schema.RenameTable{From: orders, To: &schema.Table{Schema: "public", Name: "purchases"}}},
		{name: "rename_table_other_schema", change: schema.RenameTable{From: orders, To: &schema.Table{Schema: "app", Name: "purchases"}}},
		{name: "set_table_comment", change: schema.SetTableComment{From: users, To: &schema.Table{Schema: "public", Name: "users"}}},
		{name: "add_column", change: schema.AddColumn{T: orders, C: &schema.Column{Name: "paid", Type: "boolean", Default: "false", Comment: "paid?"}}},
		{name: "add_column_nullable_enum", change: schema.AddColumn{T: orders, C: &schema.Column{Name: "state", Type: "status", Nullable: true}}},
		{name: "add_column_not_null_no_default", change: schema.AddColumn{T: orders, C: &schema.Column{Name: "code", Type: "text"}},
			setup: []string{`DELETE FROM public.orders`}},
		{name: "add_column_volatile_default", change: schema.AddColumn{T: orders, C: &schema.Column{Name: "uid", Type: "uuid", Default: "gen_random_uuid()"}}},
		{name: "add_column_identity", change: schema.AddColumn{T: orders, C: &schema.Column{Name: "seq", Type: "integer", Identity: schema.IdentityAlways}}},
		{name: "add_column_generated", change: schema.AddColumn{T: orders, C: &schema.Column{Name: "total_cents", Type: "numeric", Nullable: true, Generated: "total * 100"}}},
		{name: "add_column_backfill", change: schema.AddColumn{T: orders, C: &schema.Column{Name: "has_note", Type: "boolean", Default: "false", Backfill: "note IS NOT NULL"}}},
		{name: "add_column_new_table", change: schema.AddColumn{T: orders, C: &schema.Column{Name: "uid", Type: "uuid", Default: "gen_random_uuid()"}},
			newTable: &schema.QName{Schema: "public", Name: "orders"}},
		{name: "drop_column", change: schema.DropColumn{T: orders, C: orders.Column("note")}},
		{name: "rename_column", change: schema.RenameColumn{T: users, From: users.Column("name"), To: &schema.Column{Name: "full name", Type: "text"}}},
		{name: "alter_type_rewrite_with_default", change: alter("users", "score", schema.ChangeType, func(c *schema.Column) { c.Type = "bigint" })},
		{name: "alter_type_coercible", change: alter("orders", "note", schema.ChangeType, func(c *schema.Column) { c.Type = "character varying(200)" })},
		{name: "alter_type_using", change: alter("orders", "note", schema.ChangeType, func(c *schema.Column) {
			c.Type = "integer"
			c.Using = "length(note)"
		})},
		{name: "alter_type_cast", change: alter("app.events", "payload", schema.ChangeType|schema.ChangeDefault, func(c *schema.Column) {
			c.Type = "text"
			c.Default = "'{}'::text"
		})},
		{name: "alter_null_set_backfill", change: alter("users", "name", schema.ChangeNull, func(c *schema.Column) {
			c.Nullable = false
			c.Backfill = "'anonymous'"
		})},
		{name: "alter_null_drop", change: alter("users", "email", schema.ChangeNull, func(c *schema.Column) { c.Nullable = true })},
		{name: "alter_default_set", change: alter("orders", "note", schema.ChangeDefault, func(c *schema.Column) { c.Default = "'none'::character varying" })},
		{name: "alter_default_change", change: alter("users", "score", schema.ChangeDefault, func(c *schema.Column) { c.Default = "10" })},
		{name: "alter_default_drop", change: alter("users", "created_at", schema.ChangeDefault, func(c *schema.Column) { c.Default = "" })},
		{name: "alter_identity_add", change: alter("orders", "id", schema.ChangeIdentity, func(c *schema.Column) { c.Identity = schema.IdentityByDefault })},
		{name: "alter_identity_drop", change: alter("users", "id", schema.ChangeIdentity, func(c *schema.Column) { c.Identity = "" })},
		{name: "alter_identity_switch", change: alter("users", "id", schema.ChangeIdentity, func(c *schema.Column) { c.Identity = schema.IdentityAlways })},
		{name: "alter_generated_change", change: alter("users", "email_lower", schema.ChangeGenerated, func(c *schema.Column) { c.Generated = "upper((email)::text)" })},
		{name: "alter_generated_drop", change: alter("users", "email_lower", schema.ChangeGenerated, func(c *schema.Column) { c.Generated = "" })},
		{name: "alter_generated_drop_and_type", change: alter("users", "email_lower", schema.ChangeGenerated|schema.ChangeType, func(c *schema.Column) {
			c.Generated = ""
			c.Type = "character varying(300)"
		})},
		{name: "alter_generated_add", change: alter("orders", "note", schema.ChangeGenerated, func(c *schema.Column) { c.Generated = "(id)::text" })},
		{name: "alter_collation", change: alter("users", "Mixed Case", schema.ChangeCollation, func(c *schema.Column) { c.Collation = "POSIX" })},
		{name: "alter_collation_to_default", change: alter("users", "Mixed Case", schema.ChangeCollation, func(c *schema.Column) { c.Collation = "" })},
		{name: "alter_comment", change: alter("users", "email", schema.ChangeComment, func(c *schema.Column) { c.Comment = "sign-in address" })},
		{name: "alter_type_null_default_comment", change: alter("orders", "total", schema.ChangeType|schema.ChangeNull|schema.ChangeDefault|schema.ChangeComment,
			func(c *schema.Column) {
				c.Type = "numeric(14,2)"
				c.Nullable = false
				c.Default = "0"
				c.Comment = "in euros"
			})},
		// Recipes that move data: shadow columns, batched backfills, sync
		// triggers, expand/contract renames, and their in-place fallbacks.
		{name: "alter_type_serial_widen", change: alter("app.events", "kind", schema.ChangeType, func(c *schema.Column) { c.Type = "bigserial" })},
		{name: "alter_type_enum_to_enum", change: alter("users", "tags", schema.ChangeType, func(c *schema.Column) { c.Type = "mood[]" }),
			setup: []string{`CREATE TYPE public.mood AS ENUM ('active', 'disabled', 'away')`, `UPDATE public.users SET tags = '{active}'`},
			current: func(s *schema.Schema) {
				s.Enums = append(s.Enums, &schema.Enum{Schema: "public", Name: "mood", Values: []string{"active", "disabled", "away"}})
			}},
		// A foreign key column: a shadow column, and a copy of the foreign key on it.
		{name: "alter_type_foreign_key", change: alter("orders", "user_id", schema.ChangeType, func(c *schema.Column) { c.Type = "integer" }),
			desired: func(s *schema.Schema) { s.Table(orders.QName()).Column("user_id").Type = "integer" }},
		{name: "alter_type_no_primary_key_in_place", change: alter("app.events", "payload", schema.ChangeType, func(c *schema.Column) { c.Type = "text" })},
		{name: "add_column_volatile_not_null", change: schema.AddColumn{T: orders, C: &schema.Column{Name: "uid", Type: "uuid", Default: "gen_random_uuid()"}}},
		{name: "add_column_backfill_nullable", change: schema.AddColumn{T: orders, C: &schema.Column{Name: "note_length", Type: "integer", Nullable: true, Backfill: "length(note)"}}},
		{name: "add_column_backfill_no_primary_key", change: schema.AddColumn{T: events, C: &schema.Column{Name: "twice", Type: "integer", Backfill: "id * 2"}}},
		{name: "rename_column_direct", change: schema.RenameColumn{T: directUsers, From: users.Column("name"), To: &schema.Column{Name: "full name", Type: "text", Nullable: true}}},
		{name: "rename_column_indexed_not_null", change: schema.RenameColumn{T: orders, From: orders.Column("ref"), To: &schema.Column{Name: "reference", Type: "bigint", Default: "nextval('public.orders_ref_seq'::regclass)"}},
			setup: []string{`CREATE INDEX orders_ref_idx ON public.orders (ref) WHERE ref > 0`},
			current: func(s *schema.Schema) {
				s.Table(schema.QName{Schema: "public", Name: "orders"}).Indexes = append(s.Table(schema.QName{Schema: "public", Name: "orders"}).Indexes,
					&schema.Index{Name: "orders_ref_idx", Parts: []schema.IndexPart{{Column: "ref"}}, Where: "ref > 0"})
			}},
		// Renamed and retyped at once: the new column has the new type, the
		// two-way trigger and the backfill convert.
		{name: "rename_column_retyped", change: schema.RenameColumn{T: fxTable("users"), From: users.Column("score"), To: pointsCol},
			more: []schema.Change{schema.AlterColumn{T: fxTable("users"), From: users.Column("score"), To: pointsCol, Changes: schema.ChangeType | schema.ChangeDefault}},
			desired: func(s *schema.Schema) {
				t := s.Table(users.QName())
				for i, c := range t.Columns {
					if c.Name == "score" {
						t.Columns[i] = pointsCol
					}
				}
				t.Checks[0].Expr = "points >= 0"
				t.Index("users_lower_email_idx").Include = []string{"points"}
			}},
		{name: "rename_table_direct", change: schema.RenameTable{From: orders, To: &schema.Table{Schema: "public", Name: "purchases", Rename: "direct"}}},
		{name: "add_primary_key", change: schema.AddPrimaryKey{T: events, PK: &schema.PrimaryKey{Columns: []string{"id"}}}},
		{name: "drop_primary_key", change: schema.DropPrimaryKey{T: orders, PK: orders.PrimaryKey}},
		{name: "add_unique", change: schema.AddUnique{T: orders, U: &schema.Unique{Name: "orders_ref_key", Columns: []string{"ref"}}}},
		{name: "drop_unique", change: schema.DropUnique{T: users, U: users.Uniques[0]}},
		{name: "add_check", change: schema.AddCheck{T: orders, C: &schema.Check{Name: "orders_total_chk", Expr: "total > 0"}}},
		{name: "drop_check", change: schema.DropCheck{T: users, C: users.Checks[0]}},
		{name: "add_foreign_key", change: schema.AddForeignKey{T: users, FK: &schema.ForeignKey{Name: "users_score_fk", Columns: []string{"score"},
			RefTable: "events", RefSchema: "app", RefColumns: []string{"id"}, OnUpdate: schema.ActionRestrict, Deferrable: true}},
			setup: []string{`ALTER TABLE app.events ADD UNIQUE (id)`, `INSERT INTO app.events (id) VALUES (3), (5)`}},
		{name: "drop_foreign_key", change: schema.DropForeignKey{T: orders, FK: orders.ForeignKeys[0]}},
		{name: "add_index", change: schema.AddIndex{T: orders, I: &schema.Index{Name: "orders_note_idx", Unique: true,
			Parts: []schema.IndexPart{{Column: "note", Opclass: "text_pattern_ops"}, {Expr: "total * 2", Desc: true}}}}},
		{name: "add_index_new_table", change: schema.AddIndex{T: orders, I: &schema.Index{Name: "orders_total_idx", Parts: []schema.IndexPart{{Column: "total"}}}},
			newTable: &schema.QName{Schema: "public", Name: "orders"}},
		{name: "drop_index", change: schema.DropIndex{T: users, I: users.Index("users_lower_email_idx")}},
		// A drop whose name the desired state keeps is half of a replacement:
		// the Add builds the new definition beside the old one and swaps.
		{name: "replace_index", change: schema.DropIndex{T: users, I: users.Index("users_lower_email_idx")},
			more:    []schema.Change{schema.AddIndex{T: fxTable("users"), I: newEmailIdx}},
			desired: func(s *schema.Schema) { replaceIndex(s.Table(users.QName()), newEmailIdx) }},
		{name: "replace_check", change: schema.DropCheck{T: users, C: users.Checks[0]},
			more:    []schema.Change{schema.AddCheck{T: fxTable("users"), C: newScoreChk}},
			desired: func(s *schema.Schema) { s.Table(users.QName()).Checks = []*schema.Check{newScoreChk} }},
		{name: "replace_foreign_key", change: schema.DropForeignKey{T: orders, FK: orders.ForeignKeys[0]},
			more:    []schema.Change{schema.AddForeignKey{T: fxTable("orders"), FK: newUserFK}},
			desired: func(s *schema.Schema) { s.Table(orders.QName()).ForeignKeys = []*schema.ForeignKey{newUserFK} }},
		// A replacement the drop of a replacement on a renamed table still finds.
		{name: "replace_index_renamed_table", change: schema.DropIndex{T: renamedUsers, I: users.Index("users_lower_email_idx")},
			more:    []schema.Change{schema.AddIndex{T: renamedUsers2, I: newEmailIdx}},
			renamed: map[schema.QName]schema.QName{renamedUsers.QName(): users.QName()},
			desired: func(s *schema.Schema) {
				t := s.Table(users.QName())
				t.Name = "people"
				replaceIndex(t, newEmailIdx)
			},
			setup: []string{`ALTER TABLE public.users RENAME TO people`}},
		// A key replaced: the new unique index is built first, and one
		// transaction drops the old key and attaches it; the foreign key
		// using the old key is dropped before and added again after.
		{name: "replace_unique", change: schema.DropUnique{T: users, U: users.Uniques[0]},
			more:    []schema.Change{schema.AddUnique{T: fxTable("users"), U: emailNameKey}},
			desired: func(s *schema.Schema) { s.Table(users.QName()).Uniques = []*schema.Unique{emailNameKey} }},
		{name: "rebuild_foreign_key_around_primary_key", change: schema.DropForeignKey{T: orders, FK: userFK},
			more: []schema.Change{schema.DropPrimaryKey{T: users, PK: users.PrimaryKey}, schema.AddPrimaryKey{T: fxTable("users"), PK: emailIDPK},
				schema.AddForeignKey{T: fxTable("orders"), FK: noteUserFK}},
			desired: func(s *schema.Schema) {
				s.Table(users.QName()).PrimaryKey = emailIDPK
				s.Table(orders.QName()).ForeignKeys = []*schema.ForeignKey{noteUserFK}
			},
			setup:   []string{`UPDATE public.orders SET note = NULL`},
			rebuilt: []dialects.ForeignKeyRef{{Table: orders.QName(), Name: userFK.Name}}},
		{name: "alter_null_set", change: alter("orders", "total", schema.ChangeNull, func(c *schema.Column) { c.Nullable = false })},
		{name: "alter_null_set_pg11", change: alter("orders", "total", schema.ChangeNull, func(c *schema.Column) { c.Nullable = false }),
			version: dialects.Version{Flavor: "postgres", Major: 11, Minor: 22}},
		{name: "alter_null_set_with_default", change: alter("orders", "note", schema.ChangeNull|schema.ChangeDefault, func(c *schema.Column) {
			c.Nullable = false
			c.Default = "''::character varying"
		}), setup: []string{`UPDATE public.orders SET note = '' WHERE note IS NULL`}},
		// The planner emits the NOT NULL of a key column before the key.
		{name: "add_primary_key_nullable", change: schema.AlterColumn{T: events, From: &nullableID, To: events.Column("id"), Changes: schema.ChangeNull},
			more:    []schema.Change{schema.AddPrimaryKey{T: events, PK: &schema.PrimaryKey{Columns: []string{"id"}}}},
			current: func(s *schema.Schema) { s.Table(events.QName()).Column("id").Nullable = true },
			desired: func(s *schema.Schema) {
				t := s.Table(events.QName())
				t.Column("id").Nullable = false
				t.PrimaryKey = &schema.PrimaryKey{Columns: []string{"id"}}
			},
			setup: []string{`ALTER TABLE app.events ALTER COLUMN id DROP NOT NULL`}},
		// A key on a column the desired state leaves nullable: the key's recipe sets NOT NULL itself.
		{name: "add_primary_key_sets_not_null", change: schema.AddPrimaryKey{T: eventsNullableID, PK: &schema.PrimaryKey{Name: "events_pk", Columns: []string{"id"}}},
			current: func(s *schema.Schema) { s.Table(events.QName()).Column("id").Nullable = true },
			setup:   []string{`ALTER TABLE app.events ALTER COLUMN id DROP NOT NULL`}},
		{name: "add_unique_deferrable", change: schema.AddUnique{T: orders, U: &schema.Unique{Name: "orders_user_ref_key", Columns: []string{"user_id", "ref"},
			Deferrable: true, InitiallyDeferred: true}}},
		{name: "add_index_pg14_2", change: schema.AddIndex{T: orders, I: &schema.Index{Name: "orders_total_idx", Parts: []schema.IndexPart{{Column: "total"}}}},
			version: dialects.Version{Flavor: "postgres", Major: 14, Minor: 2}},
		{name: "replace_index_long_name", change: schema.DropIndex{T: orders, I: &schema.Index{Name: longName, Parts: []schema.IndexPart{{Column: "note"}}}},
			more: []schema.Change{schema.AddIndex{T: orders, I: &schema.Index{Name: longName, Parts: []schema.IndexPart{{Column: "note", Desc: true}}}}},
			current: func(s *schema.Schema) {
				t := s.Table(orders.QName())
				t.Indexes = append(t.Indexes, &schema.Index{Name: longName, Parts: []schema.IndexPart{{Column: "note"}}})
			},
			desired: func(s *schema.Schema) {
				t := s.Table(orders.QName())
				replaceIndex(t, &schema.Index{Name: longName, Parts: []schema.IndexPart{{Column: "note", Desc: true}}})
			},
			setup: []string{`CREATE INDEX ` + longName + ` ON public.orders (note)`}},
		{name: "rename_index", change: schema.RenameIndex{T: users, From: users.Index("users_name_idx"), To: &schema.Index{Name: "users_by_name"}}},
		{name: "rename_constraint", change: schema.RenameConstraint{T: orders, From: "orders_pkey", To: "orders_pk"}},
		{name: "add_enum", change: schema.AddEnum{E: &schema.Enum{Schema: "app", Name: "color", Values: []string{"red", "it's green"}}}},
		{name: "drop_enum", change: schema.DropEnum{E: fx.Enum(schema.QName{Schema: "app", Name: "unused_kind"})}},
		{name: "add_enum_value", change: schema.AddEnumValue{E: fx.Enum(schema.QName{Schema: "public", Name: "status"}), Value: "paused", After: "active"}},
		{name: "replace_enum", change: schema.ReplaceEnum{From: fx.Enum(schema.QName{Schema: "public", Name: "status"}), To: status2},
			desired: func(s *schema.Schema) { s.Enums[0] = status2 },
			// The plan drops the views reading converted columns before this step (DropView.BeforeChange).
			setup: []string{`UPDATE public.users SET tags = ARRAY['active']::status[]`, `DROP VIEW public.active_emails`, `DROP VIEW public.active_users`}},
		{name: "add_sequence", change: schema.AddSequence{S: &schema.Sequence{Schema: "app", Name: "ticket", Type: "bigint", Increment: -1, MaxValue: -10, Start: -10, Cycle: true, OwnedBy: "events.id"}}},
		{name: "drop_sequence", change: schema.DropSequence{S: fx.Sequence(schema.QName{Schema: "public", Name: "counter"})}},
		{name: "alter_sequence", change: schema.AlterSequence{From: fx.Sequence(schema.QName{Schema: "public", Name: "counter"}),
			To: &schema.Sequence{Schema: "public", Name: "counter", Type: "bigint", Start: 0, Increment: 2, MinValue: 5, MaxValue: 1000, Cache: 10, Cycle: true, OwnedBy: "users.score"}}},
		{name: "add_view", change: schema.AddView{V: &schema.View{Schema: "app", Name: "big orders", Def: "SELECT id FROM public.orders WHERE total > 10;", Comment: "big"}}},
		{name: "drop_view", change: schema.DropView{V: fx.View(schema.QName{Schema: "public", Name: "active_emails"})}},
		{name: "drop_view_before_change", change: schema.DropView{V: fx.View(schema.QName{Schema: "public", Name: "active_emails"}), BeforeChange: true}},
		{name: "set_view_comment", change: schema.SetViewComment{From: fx.View(schema.QName{Schema: "public", Name: "active_emails"}),
			To: &schema.View{Schema: "public", Name: "active_emails", Comment: "changed"}}},
	}
}

// replaceIndex puts i in place of t's index of the same name.
func replaceIndex(t *schema.Table, i *schema.Index) {
	for n, x := range t.Indexes {
		if x.Name == i.Name {
			t.Indexes[n] = i
		}
	}
}
