package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/schema"
)

// TestInspectSkipsExtensionObjects installs extensions that create types,
// functions and views and checks that none of them is reported, while a
// column of an extension type is.
func TestInspectSkipsExtensionObjects(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE EXTENSION citext; CREATE EXTENSION pg_buffercache;
CREATE SCHEMA ext; CREATE EXTENSION hstore SCHEMA ext;
CREATE TABLE people (id int PRIMARY KEY, email citext, attrs ext.hstore);`)
	db := openTest(t, url, nil)
	s, err := db.Inspect(context.Background(), inspect.Options{NoStats: true})
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	if len(s.Views) != 0 || len(s.Enums) != 0 || len(s.Sequences) != 0 || len(s.Tables) != 1 {
		t.Errorf("extension objects reported: views %v, enums %v, sequences %v, tables %v", s.Views, s.Enums, s.Sequences, s.Tables)
	}
	people := s.Table(schema.QName{Schema: "public", Name: "people"})
	if people == nil || people.Column("email").Type != "citext" || people.Column("attrs").Type != "ext.hstore" {
		t.Errorf("extension-typed columns: %+v", people)
	}
}

// TestInspectUnsupportedObjects checks that objects tide does not manage are
// errors naming each one, and that leaving their schema out avoids them.
func TestInspectUnsupportedObjects(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE SCHEMA app; CREATE TABLE app.ok (id int PRIMARY KEY);
CREATE SCHEMA odd;
CREATE TABLE odd.events (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE odd.events_2024 PARTITION OF odd.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE odd.parent (id int); CREATE TABLE odd.child () INHERITS (odd.parent);
CREATE MATERIALIZED VIEW odd.mv AS SELECT 1 AS one;
CREATE DOMAIN odd.posint AS int CHECK (VALUE > 0);
CREATE TABLE odd.scores (id int PRIMARY KEY, score odd.posint, scores odd.posint[]);
CREATE UNLOGGED TABLE odd.scratch (id int);
CREATE TABLE odd.rooms (id int, during tsrange, EXCLUDE USING gist (during WITH &&));
CREATE TABLE odd.nn (id int, CONSTRAINT nn_id_key UNIQUE NULLS NOT DISTINCT (id));`)
	db := openTest(t, url, nil)
	pgtest.Exec(t, url, `CREATE TABLE odd.dups (v int); INSERT INTO odd.dups VALUES (1), (1);`)
	if _, err := db.DB().ExecContext(context.Background(), `CREATE UNIQUE INDEX CONCURRENTLY dups_v_idx ON odd.dups (v)`); err == nil {
		t.Fatal("CREATE UNIQUE INDEX CONCURRENTLY on duplicates succeeded; the test needs it to leave an invalid index")
	}
	_, err := db.Inspect(context.Background(), inspect.Options{NoStats: true})
	if err == nil {
		t.Fatal("Inspect succeeded, want an error naming the unsupported objects")
	}
	t.Log(err)
	for _, want := range []string{
		`partitioned table "odd.events"`, `partition "odd.events_2024"`, `inheritance child table "odd.child"`,
		`materialized view "odd.mv"`, `column "odd.scores.score" of domain type odd.posint`,
		`column "odd.scores.scores" of domain type odd.posint`, `unlogged table "odd.scratch"`,
		`exclusion constraint "rooms_during_excl" on table "odd.rooms"`, `index "nn_id_key" on table "odd.nn" with NULLS NOT DISTINCT`,
		`invalid index "dups_v_idx" on table "odd.dups"`, "--schema",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %s:\n%v", want, err)
		}
	}
	s, err := db.Inspect(context.Background(), inspect.Options{Schemas: []string{"app"}, NoStats: true})
	if err != nil {
		t.Fatalf("Inspect limited to app: %v", err)
	}
	if len(s.Tables) != 1 || s.Tables[0].Name != "ok" || len(s.Namespaces) != 1 || s.Namespaces[0].Name != "app" {
		t.Errorf("limited to app: tables %v, namespaces %v", s.Tables, s.Namespaces)
	}
}

// TestInspectSkipsBookkeepingSchema checks that tide's own schema is never read.
func TestInspectSkipsBookkeepingSchema(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE SCHEMA tide; CREATE TABLE tide.history (id serial PRIMARY KEY);
CREATE TABLE t (id int);`)
	db := openTest(t, url, nil)
	s, err := db.Inspect(context.Background(), inspect.Options{NoStats: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Tables) != 1 || s.Tables[0].Name != "t" || len(s.Namespaces) != 0 || len(s.Sequences) != 0 {
		t.Errorf("bookkeeping schema leaked: tables %v, namespaces %v, sequences %v", s.Tables, s.Namespaces, s.Sequences)
	}
}

// TestInspectForeignKeyToTableNotRead checks the columns a foreign key
// references when its table is read too (named from the columns read) and
// when it is not (named by the constraints query).
func TestInspectForeignKeyToTableNotRead(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE SCHEMA app;
CREATE TABLE parent (a int, dropped int, b int, PRIMARY KEY (b, a));
ALTER TABLE parent DROP COLUMN dropped;
CREATE TABLE app.child (x int, y int, CONSTRAINT child_parent_fk FOREIGN KEY (y, x) REFERENCES parent (b, a));`)
	db := openTest(t, url, nil)
	want := schema.ForeignKey{Name: "child_parent_fk", Columns: []string{"y", "x"}, RefSchema: "public", RefTable: "parent",
		RefColumns: []string{"b", "a"}}
	for _, schemas := range [][]string{nil, {"app"}} {
		s, err := db.Inspect(context.Background(), inspect.Options{Schemas: schemas, NoStats: true})
		if err != nil {
			t.Fatalf("Inspect %v: %v", schemas, err)
		}
		child := s.Table(schema.QName{Schema: "app", Name: "child"})
		if child == nil || len(child.ForeignKeys) != 1 {
			t.Fatalf("schemas %v: app.child = %+v", schemas, child)
		}
		if got := *child.ForeignKeys[0]; fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", want) {
			t.Errorf("schemas %v: foreign key\n got %#v\nwant %#v", schemas, got, want)
		}
	}
}

// TestInspectSchemaNamesNeedingQuotes checks that Options.Schemas reaches
// the server intact when names hold what array literals quote.
func TestInspectSchemaNamesNeedingQuotes(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	name := `a"b, c{d}\e 'f'`
	pgtest.Exec(t, url, `CREATE SCHEMA "a""b, c{d}\e 'f'"; CREATE TABLE "a""b, c{d}\e 'f'".t (id int);
CREATE SCHEMA other; CREATE TABLE other.u (id int);`)
	db := openTest(t, url, nil)
	s, err := db.Inspect(context.Background(), inspect.Options{Schemas: []string{name}, NoStats: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Tables) != 1 || s.Tables[0].Schema != name || len(s.Namespaces) != 1 || s.Namespaces[0].Name != name {
		t.Errorf("schemas %q: tables %v, namespaces %v", name, s.Tables, s.Namespaces)
	}
}
