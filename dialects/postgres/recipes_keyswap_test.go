package postgres

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/schema"
)

// parsedSchema parses and normalises DDL, as tide reads a desired state.
func parsedSchema(t *testing.T, src string) *schema.Schema {
	t.Helper()
	s, err := Dialect{}.ParseSQL("test.sql", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := (Dialect{}).Normalize(s); err != nil {
		t.Fatal(err)
	}
	return s
}

// familyActions returns the actions of the type changes from cur to des of
// the given columns ("table.column"), in plan order (by phase, then change).
func familyActions(t *testing.T, cur, des *schema.Schema, cols ...string) []dialects.Action {
	t.Helper()
	env := &dialects.Env{Version: dialects.Version{Flavor: "postgres", Major: 15}, Current: cur, Desired: des, NewTables: map[schema.QName]bool{}}
	byPhase := map[dialects.Phase][]dialects.Action{}
	for _, c := range cols {
		table, col, _ := strings.Cut(c, ".")
		q := schema.QName{Schema: "public", Name: table}
		ch := schema.AlterColumn{T: des.Table(q), From: cur.Table(q).Column(col), To: des.Table(q).Column(col), Changes: schema.ChangeType}
		actions, err := Dialect{}.Recipe(ch, env)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range actions {
			byPhase[a.Phase] = append(byPhase[a.Phase], a)
		}
	}
	var out []dialects.Action
	for _, ph := range dialects.Phases {
		out = append(out, byPhase[ph]...)
	}
	return out
}

// TestKeyFamilyRecipeLive runs the whole integer → bigint recipe of a
// primary key and the foreign key referencing it, step by step, while
// writers insert authors and books, rename books and delete authors (the
// foreign key cascades), and a prober keeps inserting a book whose author
// does not exist: every write of the writers must succeed, every probe must
// fail on the foreign key, at every step. Then the swap is rolled back and
// run again, and the old columns dropped.
func TestKeyFamilyRecipeLive(t *testing.T) {
	for _, key := range []string{"integer", "serial"} {
		t.Run(key, func(t *testing.T) {
			t.Parallel()
			testKeyFamilyLive(t, key)
		})
	}
}

// testKeyFamilyLive is TestKeyFamilyRecipeLive with authors.id of type key
// (integer → bigint, or serial → bigserial; new authors then take their id
// from the sequence).
func testKeyFamilyLive(t *testing.T, key string) {
	before := `CREATE TABLE authors (id ` + key + ` PRIMARY KEY, name text NOT NULL);
CREATE TABLE books (id integer PRIMARY KEY, author_id integer NOT NULL REFERENCES authors (id) ON DELETE CASCADE, title text NOT NULL);
CREATE INDEX books_author_idx ON books (author_id);`
	wide := map[string]string{"integer": "bigint", "serial": "bigserial"}[key]
	after := strings.NewReplacer("id "+key+" PRIMARY KEY", "id "+wide+" PRIMARY KEY", "author_id integer", "author_id bigint").Replace(before)
	insertAuthor := `INSERT INTO authors (id, name) VALUES ($1, 'new') RETURNING id::bigint`
	if key == "serial" {
		insertAuthor = `INSERT INTO authors (name) VALUES ('new' || $1::bigint) RETURNING id::bigint`
	}
	cur, des := parsedSchema(t, before), parsedSchema(t, after)
	actions := familyActions(t, cur, des, "authors.id", "books.author_id")
	if n := len(familyActions(t, cur, des, "books.author_id")); n != 0 {
		t.Fatalf("the second member of the family has %d actions of its own, want none", n)
	}

	url := pgtest.NewDB(t)
	admin := bfConn(t, url, nil)
	ctx := context.Background()
	bfExec(t, admin, before,
		`INSERT INTO authors SELECT g, 'author ' || g FROM generate_series(1, 3000) g`,
		`SELECT setval(pg_get_serial_sequence('authors', 'id'), 3000) WHERE pg_get_serial_sequence('authors', 'id') IS NOT NULL`,
		`INSERT INTO books SELECT g, 1 + g % 3000, 'book ' || g FROM generate_series(1, 9000) g`)

	var stop atomic.Bool
	var writes, probes, deadlocks atomic.Int64
	errs := make(chan error, 8)
	var wg sync.WaitGroup
	var nextAuthor, nextBook atomic.Int64
	nextAuthor.Store(100000)
	nextBook.Store(100000)
	for w := 0; w < 3; w++ {
		conn := bfConn(t, url, nil)
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, 7))
			for !stop.Load() {
				var err error
				switch r.IntN(4) {
				case 0:
					var a int64
					err = conn.QueryRow(ctx, insertAuthor, nextAuthor.Add(1)).Scan(&a)
					if err == nil {
						_, err = conn.Exec(ctx, `INSERT INTO books (id, author_id, title) VALUES ($1, $2, 'new')`, nextBook.Add(1), a)
					}
				case 1:
					_, err = conn.Exec(ctx, `INSERT INTO books (id, author_id, title) VALUES ($1, $2, 'during')`, nextBook.Add(1), 1+r.IntN(2000))
				case 2:
					_, err = conn.Exec(ctx, `UPDATE books SET title = 'renamed' WHERE id = $1`, 1+r.IntN(9000))
				default:
					_, err = conn.Exec(ctx, `DELETE FROM authors WHERE id = $1`, 2000+r.IntN(1000))
				}
				var pgErr *pgconn.PgError
				if errors.As(err, &pgErr) && pgErr.Code == "40P01" {
					// Applications retry a deadlock victim; the test
					// counts them and allows very few (see below).
					deadlocks.Add(1)
					continue
				}
				if err != nil {
					errs <- err
					return
				}
				writes.Add(1)
			}
		}(uint64(w))
	}
	prober := bfConn(t, url, nil)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			_, err := prober.Exec(ctx, `INSERT INTO books (id, author_id, title) VALUES ($1, -1, 'orphan')`, nextBook.Add(1))
			var pgErr *pgconn.PgError
			if !errors.As(err, &pgErr) || pgErr.Code != "23503" {
				errs <- errors.New("a book without an author was not refused by the foreign key: " + errString(err))
				return
			}
			probes.Add(1)
			time.Sleep(2 * time.Millisecond)
		}
	}()

	var swap dialects.Action
	for i, a := range actions {
		if a.Irreversible {
			break // the old columns are dropped after the rollback test
		}
		run := func() error { return runStep(admin, a.Statements, a.Transactional) }
		if strings.HasPrefix(a.Summary, "swap ") {
			swap = a
			run = func() error { return retryLocked(admin, a.Statements) }
		}
		if err := run(); err != nil {
			t.Fatalf("action %d (%s, %s): %v", i+1, a.Phase, a.Summary, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	// Roll the swap back and run it again while the writers go on.
	if err := retryLocked(admin, swap.Rollback); err != nil {
		t.Fatalf("rollback of the swap: %v", err)
	}
	if typ := bfString(t, admin, `SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'authors'::regclass AND attname = 'id'`); typ != "integer" {
		t.Errorf("after the rollback authors.id is %s, want integer", typ)
	}
	time.Sleep(50 * time.Millisecond)
	if err := retryLocked(admin, swap.Statements); err != nil {
		t.Fatalf("the swap again: %v", err)
	}
	for _, a := range actions {
		if a.Irreversible {
			if err := runStep(admin, a.Statements, a.Transactional); err != nil {
				t.Fatalf("%s: %v", a.Summary, err)
			}
		}
	}
	time.Sleep(50 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("%v", err)
	}
	if writes.Load() < 50 || probes.Load() < 10 {
		t.Fatalf("%d writes and %d probes: the test proves nothing", writes.Load(), probes.Load())
	}
	t.Logf("%d writes, %d deadlock victims retried and %d refused probes during the migration", writes.Load(), deadlocks.Load(), probes.Load())
	// A writer was seen, rarely and only on a loaded machine, to be the
	// victim of a deadlock in the serial case (cause not yet found; see the
	// issue note): more than a couple is a regression.
	if deadlocks.Load() > 2 {
		t.Errorf("%d writes were deadlock victims during the migration", deadlocks.Load())
	}

	for _, q := range []string{
		`SELECT count(*) FROM books b WHERE NOT EXISTS (SELECT 1 FROM authors a WHERE a.id = b.author_id)`,
		`SELECT count(*) FROM pg_attribute WHERE attrelid IN ('authors'::regclass, 'books'::regclass) AND attname LIKE '%tide%' AND NOT attisdropped`,
		`SELECT count(*) FROM pg_constraint WHERE conname LIKE '%tide%'`,
		`SELECT count(*) FROM pg_class WHERE relname LIKE '%tide%'`,
		`SELECT count(*) FROM pg_index WHERE indrelid IN ('authors'::regclass, 'books'::regclass) AND NOT indisvalid`,
		`SELECT count(*) FROM pg_constraint WHERE NOT convalidated`,
	} {
		if n := bfInt(t, admin, q); n != 0 {
			t.Errorf("%s = %d, want 0", q, n)
		}
	}
	if s := bfString(t, admin, `SELECT string_agg(format_type(atttypid, atttypmod), ',' ORDER BY attrelid::regclass::text)
	    FROM pg_attribute WHERE (attrelid, attname) IN (('authors'::regclass, 'id'), ('books'::regclass, 'author_id'))`); s != "bigint,bigint" {
		t.Errorf("column types %s, want bigint,bigint", s)
	}
	if s := bfString(t, admin, `SELECT pg_get_constraintdef(oid) || ' ' || conindid::regclass::text FROM pg_constraint WHERE conname = 'books_author_id_fkey'`); s != "FOREIGN KEY (author_id) REFERENCES authors(id) ON DELETE CASCADE authors_pkey" {
		t.Errorf("foreign key after the migration: %s", s)
	}
	bfExec(t, admin, `INSERT INTO authors (id, name) VALUES (5000000000, 'big')`, `INSERT INTO books (id, author_id, title) VALUES (5000000, 5000000000, 'big')`)
	if key == "serial" {
		if s := bfString(t, admin, `SELECT pg_get_serial_sequence('authors', 'id') || ' ' || data_type || ' ' || pg_get_expr(adbin, adrelid)
		    FROM information_schema.sequences, pg_attrdef WHERE sequence_name = 'authors_id_seq' AND adrelid = 'authors'::regclass`); s != "public.authors_id_seq bigint nextval('authors_id_seq'::regclass)" {
			t.Errorf("the sequence after the migration: %s", s)
		}
		if n := bfInt(t, admin, `SELECT count(*) FROM (SELECT id FROM authors WHERE name LIKE 'new%' GROUP BY id HAVING count(*) > 1) d`); n != 0 {
			t.Errorf("%d ids given twice by the sequence", n)
		}
		bfExec(t, admin, `SELECT setval('authors_id_seq', 4000000000)`, `INSERT INTO authors (name) VALUES ('past integer')`)
	}
}

// retryLocked runs statements in one transaction, again (up to 50 times)
// while they give way on a lock, as the executor does with a step.
func retryLocked(conn *pgx.Conn, stmts []string) error {
	var err error
	for i := 0; i < 50; i++ {
		var pgErr *pgconn.PgError
		if err = runStep(conn, stmts, true); !errors.As(err, &pgErr) || pgErr.Code != "55P03" {
			return err
		}
		time.Sleep(time.Duration(10+rand.IntN(40)) * time.Millisecond)
	}
	return err
}

func errString(err error) string {
	if err == nil {
		return "no error"
	}
	return err.Error()
}
