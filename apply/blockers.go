package apply

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/schema"
)

// Blocker is another session that blocked a step: one the server saw
// blocking the step's statement while it waited, or, when the wait could
// not be watched, one holding a lock on a table the step needs.
type Blocker struct {
	PID         int64
	User        string
	Application string
	Client      string
	State       string
	// Table is the table whose lock holders the dialect was asked for
	// ("schema.table") when it was found by the tables the step needs; ""
	// when the server named it as blocking the step.
	Table string
	// Locks is what the dialect says of the session's locks, verbatim: when
	// Table is set, those it holds there (the lock modes, or, where the
	// server cannot tell whose locks are on which table, what it can say);
	// when Table is "", what it holds or is queued for on the object the
	// step waited for ("holds ShareLock on public.t").
	Locks string
	// Since is when its transaction began (zero when none is open).
	Since time.Time
	Query string
}

// BlockedError says a step still timed out waiting for its locks after
// every retry, and who blocked it. When its last attempt's wait was
// watched (see lockwait.go), Waiting says what it waited for and Blockers
// are the sessions the server saw blocking it: those holding a conflicting
// lock and those queued ahead of it for one. Otherwise Blockers are the
// sessions holding locks on the Tables it needs when tide gave up: the
// step's own table and every other table its statements name (the
// referenced table of a foreign key, the table of an index, …).
type BlockedError struct {
	Step     planner.Step
	Waiting  string
	Tables   []string
	Attempts int
	Blockers []Blocker
	// Notes say what the server knows of the locks on Tables when no
	// session holding them could be named (see inspect.TableLockNoter).
	Notes []string
	Err   error
}

func (e *BlockedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "could not get the lock for step %d (%s) after %d attempts: %v", e.Step.ID, e.Step.Object, e.Attempts, e.Err)
	tables := strings.Join(e.Tables, ", ")
	switch {
	case e.Waiting != "":
		fmt.Fprintf(&b, "; it waited for %s, blocked by:", e.Waiting)
	case len(e.Tables) == 0:
		b.WriteString("; tide cannot tell which table the step waits for, look for long transactions in the server's activity view")
	case len(e.Blockers) == 0 && len(e.Notes) > 0:
		fmt.Fprintf(&b, "; no session could be named as holding a lock on %s: %s", tables, strings.Join(e.Notes, "; "))
	case len(e.Blockers) == 0:
		fmt.Fprintf(&b, "; no other session holds a lock on %s now (the blocker finished, or held something else the step waits for: look for long transactions in the server's activity view)", tables)
	default:
		fmt.Fprintf(&b, "; sessions the server lists for the tables it needs (%s):", tables)
	}
	if len(e.Blockers) > 0 {
		for _, s := range e.Blockers {
			since := "no open transaction"
			if !s.Since.IsZero() {
				since = "transaction open since " + s.Since.Format(time.RFC3339) + fmt.Sprintf(" (%s)", time.Since(s.Since).Round(time.Second))
			}
			locks := s.Locks
			if s.Table != "" {
				locks = "listed for " + s.Table + ": " + s.Locks
			}
			fmt.Fprintf(&b, "\n    %s  state %s  %s  %s\n      query: %s",
				sessionText(s.PID, s.User, s.Application, s.Client, "  "), s.State, locks, since, oneLine(s.Query))
		}
		b.WriteString("\n  end those transactions (or wait for them) and run apply again; raise --lock-retries or --lock-timeout to wait longer")
	}
	return b.String()
}

// Unwrap returns the last lock-timeout error.
func (e *BlockedError) Unwrap() error { return e.Err }

// stepTables lists the tables a step may wait for: its backfill's table or
// the table of its object (schema.table[.column…]) first, then every other
// schema-qualified name its statements spell the way quote (the dialect's
// identifier quoting) writes them — which is how recipes write every table
// they touch. A name that is no table (a function, an index) finds no lock
// holder on tables and does no harm.
func stepTables(st planner.Step, quote func(string) string) []schema.QName {
	var out []schema.QName
	add := func(q schema.QName) {
		for _, o := range out {
			if o == q {
				return
			}
		}
		out = append(out, q)
	}
	if st.Backfill != nil {
		add(st.Backfill.Table)
	} else if parts := strings.Split(st.Object, "."); len(parts) >= 2 {
		add(schema.QName{Schema: parts[0], Name: parts[1]})
	}
	if qs, ok := newQuoteScanner(quote); ok {
		for _, s := range st.Statements {
			for _, q := range qs.qualifiedNames(s) {
				add(q)
			}
		}
	}
	return out
}

// quoteScanner finds quoted identifiers, learning the quote characters and
// the escape of the closing one from the dialect's own quoting.
type quoteScanner struct {
	open, close, escaped string
}

// newQuoteScanner learns quote's form: open + name + close, with close
// written as escaped inside a name. ok is false for a quoting that does not
// always wrap the name.
func newQuoteScanner(quote func(string) string) (quoteScanner, bool) {
	const probe = "x"
	q := quote(probe)
	i := strings.Index(q, probe)
	if i <= 0 || i+len(probe) >= len(q) {
		return quoteScanner{}, false
	}
	s := quoteScanner{open: q[:i], close: q[i+len(probe):]}
	esc := quote(s.close)
	if !strings.HasPrefix(esc, s.open) || !strings.HasSuffix(esc, s.close) || len(esc) < len(s.open)+len(s.close) {
		return quoteScanner{}, false
	}
	s.escaped = esc[len(s.open) : len(esc)-len(s.close)]
	return s, true
}

// ident reads a quoted identifier at the start of src, returning it and
// the rest.
func (s quoteScanner) ident(src string) (string, string, bool) {
	if !strings.HasPrefix(src, s.open) {
		return "", src, false
	}
	rest := src[len(s.open):]
	var b strings.Builder
	for {
		switch {
		case rest == "":
			return "", src, false
		case s.escaped != s.close && strings.HasPrefix(rest, s.escaped):
			b.WriteString(s.close)
			rest = rest[len(s.escaped):]
		case strings.HasPrefix(rest, s.close):
			return b.String(), rest[len(s.close):], true
		default:
			b.WriteByte(rest[0])
			rest = rest[1:]
		}
	}
}

// qualifiedNames returns every quoted schema.name pair in stmt, in order.
func (s quoteScanner) qualifiedNames(stmt string) []schema.QName {
	var out []schema.QName
	for rest := stmt; ; {
		i := strings.Index(rest, s.open)
		if i < 0 {
			return out
		}
		first, after, ok := s.ident(rest[i:])
		if !ok {
			rest = rest[i+len(s.open):]
			continue
		}
		rest = after
		if !strings.HasPrefix(rest, ".") {
			continue
		}
		second, after, ok := s.ident(rest[1:])
		if !ok {
			continue
		}
		out = append(out, schema.QName{Schema: first, Name: second})
		rest = after
	}
}

// blocked builds the BlockedError of a step that gave up: the sessions
// the watch of its last attempt saw blocking it or, when there is none,
// the sessions that hold locks on the tables it needs (see stepTables).
func (r *runner) blocked(st planner.Step, attempts int, err error, seen *lockWait) error {
	e := &BlockedError{Step: st, Attempts: attempts, Err: err}
	if seen != nil && len(seen.Blockers) > 0 {
		e.Waiting, e.Blockers = seen.Waiting, seen.Blockers
		return e
	}
	for _, t := range stepTables(st, r.eng.d.QuoteIdent) {
		name := t.Schema + "." + t.Name
		e.Tables = append(e.Tables, name)
		found, qerr := r.blockersOn(t, name)
		if qerr != nil {
			r.logf("warning: could not list the sessions holding locks on %s: %v", name, qerr)
			continue
		}
		e.Blockers = append(e.Blockers, found...)
	}
	// Only the tables a session holds locks on are worth naming besides the
	// step's own.
	if len(e.Tables) > 1 {
		held := map[string]bool{e.Tables[0]: true}
		for _, b := range e.Blockers {
			held[b.Table] = true
		}
		var keep []string
		for _, t := range e.Tables {
			if held[t] {
				keep = append(keep, t)
			}
		}
		e.Tables = keep
	}
	if len(e.Blockers) == 0 {
		e.Notes = r.lockNotes(e.Tables)
	}
	return e
}

// lockNotes asks the server what it knows of the locks on tables when no
// session could be named as holding them.
func (r *runner) lockNotes(tables []string) []string {
	if r.eng.lockNoter == nil {
		return nil
	}
	var notes []string
	for _, name := range tables {
		schemaName, table, _ := strings.Cut(name, ".")
		note, err := r.eng.lockNoter.TableLockNote(r.dbctx, r.sess.conn, schema.QName{Schema: schemaName, Name: table})
		if err != nil {
			r.logf("warning: could not read what the server knows of the locks on %s: %v", name, err)
			continue
		}
		if note != "" {
			notes = append(notes, note)
		}
	}
	return notes
}

// blockersOn lists the other sessions holding locks on table t.
func (r *runner) blockersOn(t schema.QName, name string) ([]Blocker, error) {
	query, args := r.eng.bind(r.eng.sql.BlockingSessions(), t.Schema, t.Name)
	rows, err := r.sess.conn.QueryContext(r.dbctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Blocker
	for rows.Next() {
		b := Blocker{Table: name}
		var since sql.NullTime
		if err := rows.Scan(&b.PID, &b.User, &b.Application, &b.Client, &b.State, &b.Locks, &since, &b.Query); err != nil {
			return nil, err
		}
		b.Since = since.Time
		out = append(out, b)
	}
	return out, rows.Err()
}
