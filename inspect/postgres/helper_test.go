package postgres

import (
	"context"
	"encoding/json"
	"sort"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// TestHelperReadsInExportedSnapshot checks that the helper reads its tasks
// in the snapshot it is given: a column and a constraint added after the
// export are not seen, although they are committed.
func TestHelperReadsInExportedSnapshot(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE a (id int PRIMARY KEY, v text CHECK (v <> ''));
CREATE INDEX a_v_idx ON a (lower(v));`)
	db := openTest(t, url, nil)
	ctx := context.Background()

	exporter, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer exporter.Close(ctx)
	tx, err := exporter.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck
	var snapshot string
	var oid uint32
	if err := tx.QueryRow(ctx, "SELECT pg_export_snapshot(), 'a'::regclass::oid").Scan(&snapshot, &oid); err != nil {
		t.Fatal(err)
	}
	pgtest.Exec(t, url, `ALTER TABLE a ADD COLUMN w int, ADD CONSTRAINT a_w_chk CHECK (w > 0);
CREATE INDEX a_w_idx ON a (w);`)

	h := db.startHelper(ctx, sessionSettings(inspect.DefaultLockTimeout), nil)
	defer h.stop()
	h.snapshot <- snapshot
	b := &tableBatch{oids: []uint32{oid}, all: []uint32{oid}}
	w := newWorkQueue(b)
	h.work <- w
	<-h.done // the helper runs the task (nobody else does) and ends
	if w.next != 1 {
		t.Fatal("the helper did not run the task")
	}
	if err := w.wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	var columns, constraints, indexes []string
	for _, c := range b.columns {
		columns = append(columns, c.name)
	}
	for _, c := range b.constraints {
		constraints = append(constraints, c.name)
	}
	for _, i := range b.indexes {
		indexes = append(indexes, i.name)
	}
	sort.Strings(columns) // rows come in no particular order
	sort.Strings(constraints)
	sort.Strings(indexes)
	got, _ := json.Marshal([][]string{columns, constraints, indexes})
	if want := `[["id","v"],["a_pkey","a_v_check"],["a_pkey","a_v_idx"]]`; string(got) != want {
		t.Errorf("helper read %s, want the snapshot's %s", got, want)
	}
	if len(b.parts) != 1 || b.parts[0].expr != "lower(v)" {
		t.Errorf("index keys: %+v, want a_v_idx's lower(v)", b.parts)
	}
}

// TestHelperGivesUp checks that a helper which cannot import the snapshot
// leaves the tasks to the inspection's connection.
func TestHelperGivesUp(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	db := openTest(t, url, nil)
	for _, snapshot := range []string{"", "00000003-00000002-1"} {
		h := db.startHelper(context.Background(), sessionSettings(inspect.DefaultLockTimeout), nil)
		h.snapshot <- snapshot
		w := newWorkQueue(&tableBatch{oids: []uint32{}, all: []uint32{}})
		h.work <- w
		<-h.done
		if w.next != 0 {
			t.Errorf("snapshot %q: the helper ran a task without a snapshot", snapshot)
		}
		h.stop()
	}
}

// TestInspectWithoutHelper checks that an inspection whose helper cannot
// get a connection (the pool allows one) reads everything itself, with the
// same result, instead of waiting for it.
func TestInspectWithoutHelper(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, readFile(t, "testdata/rich.sql"))
	db := openTest(t, url, nil)
	ctx := context.Background()
	both, err := db.Inspect(ctx, inspect.Options{NoStats: true})
	if err != nil {
		t.Fatal(err)
	}
	db.pool.SetMaxOpenConns(1)
	alone, err := db.Inspect(ctx, inspect.Options{NoStats: true})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(both)
	b, _ := json.Marshal(alone)
	if string(a) != string(b) {
		t.Errorf("inspection on one connection differs:\n%s\nwith the helper:\n%s", b, a)
	}
}
