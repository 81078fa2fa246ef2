package apply

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/schema"
)

// runStep executes one step on a connection of its own, under the step's
// lock and statement timeouts. It returns how many attempts it took and the
// statement that failed, if one did.
func (r *runner) runStep(st planner.Step) (int, string, error) {
	conn, err := r.stepConn(st.LockTimeout, st.StatementTimeout)
	if err != nil {
		return 0, "", err
	}
	defer r.closeStepConn(conn)
	r.conn = conn
	defer func() { r.conn = nil }()
	if st.Backfill != nil {
		n, err := r.backfill(conn, st)
		return n, "", err
	}
	if st.Transactional {
		n, err := r.retry(st, "the transaction", func() error { return runTx(r.dbctx, conn, st.Statements) })
		return n, "", err
	}
	return r.runEach(conn, st, st.Statements)
}

// runEach runs non-transactional statements one by one, each committing on
// its own, retrying the one that hit its lock timeout and checking online
// index builds. A step an earlier attempt started and did not complete
// first skips the statements that attempt already ran (alreadyDone), so
// that running it again does not trip over their effects.
func (r *runner) runEach(conn *sql.Conn, st planner.Step, stmts []string) (int, string, error) {
	start, err := r.alreadyDone(conn, st)
	if err != nil {
		return 0, "", err
	}
	total := 0
	for i := start; i < len(stmts); i++ {
		s := stmts[i]
		if i > start && r.ctx.Err() != nil {
			return total, s, fmt.Errorf("%w after statement %d of %d of the step; running apply again continues it", ErrInterrupted, i, len(stmts))
		}
		var n int
		var err error
		if idx, ok := r.eng.sql.ConcurrentIndex(s); ok {
			n, err = r.buildIndex(conn, st, s, idx)
		} else {
			n, err = r.retry(st, "the statement", func() error { _, err := conn.ExecContext(r.dbctx, s); return err })
		}
		total += n
		if err != nil {
			return total, s, err
		}
	}
	return total, "", nil
}

// alreadyDone returns how many leading statements of step st an earlier
// attempt ran. Only a step that an apply of the resumed lineage started and
// did not complete (r.rerun) is checked, and only when its plan gives done
// probes (a dialect whose DDL commits by itself): the probes run from the
// last statement back, and the first that finds its statement's effect in
// place says that statement ran, and so did every one before it (they run
// in order, each atomic). A probe never finds the effect of a statement
// that has not run, so a step run for the first time needs no probing.
// The outcome goes to the log and, with the step's end, to the history.
func (r *runner) alreadyDone(conn *sql.Conn, st planner.Step) (int, error) {
	by, again := r.rerun[st.ID]
	if !again || len(st.DoneProbes) == 0 {
		return 0, nil
	}
	n := len(st.Statements)
	why := fmt.Sprintf("apply #%d started this step and stopped before recording it done", by)
	for i := min(len(st.DoneProbes), n) - 1; i >= 0; i-- {
		if st.DoneProbes[i] == "" {
			continue
		}
		var one any
		err := conn.QueryRowContext(r.dbctx, st.DoneProbes[i]).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("could not check whether statement %d of %d of the step already ran (%s): %w\n  probe: %s\n"+
				"  fix the cause and run apply again, or plan afresh from the database as it is with --no-resume",
				i+1, n, why, err, oneLine(st.DoneProbes[i]))
		}
		note := fmt.Sprintf("statements 1-%d of %d were already done (%s); ran the rest", i+1, n, why)
		if i+1 == n {
			note = fmt.Sprintf("all %d statements were already done (%s); nothing was run", n, why)
		}
		r.noteStep(st, note)
		return i + 1, nil
	}
	r.noteStep(st, fmt.Sprintf("no effect of its %d statements was found (%s); ran it from its start", n, why))
	return 0, nil
}

// noteStep logs what a re-run step found and keeps it for the history.
func (r *runner) noteStep(st planner.Step, note string) {
	r.logf("step %d: %s", st.ID, note)
	if r.hist != nil {
		r.hist.noteStep(st.ID, note)
	}
}

// stepConn takes a connection from the pool and sets the timeouts (Go
// durations; "" or "0s" = none).
func (r *runner) stepConn(lockTimeout, stmtTimeout string) (*sql.Conn, error) {
	conn, err := r.eng.pool.Conn(r.dbctx)
	if err != nil {
		return nil, err
	}
	lock, _ := time.ParseDuration(lockTimeout)
	stmt, _ := time.ParseDuration(stmtTimeout)
	for _, s := range r.eng.d.SessionSettings(lock, stmt) {
		if _, err := conn.ExecContext(r.dbctx, s); err != nil {
			conn.Close()
			return nil, fmt.Errorf("%s: %w", s, err)
		}
	}
	return conn, nil
}

// closeStepConn leaves the pooled connection without the step's limits.
func (r *runner) closeStepConn(conn *sql.Conn) {
	for _, s := range r.eng.d.SessionSettings(0, 0) {
		_, _ = conn.ExecContext(r.dbctx, s)
	}
	conn.Close()
}

// runTx runs statements in one transaction.
func runTx(ctx context.Context, conn *sql.Conn, stmts []string) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("%w\n  statement: %s", err, oneLine(s))
		}
	}
	return tx.Commit()
}

// buildIndex runs an online index build and checks the index afterwards,
// whether the build succeeded or failed: an invalid index (a failed build,
// or one left by an earlier run that IF NOT EXISTS skipped) is dropped and
// the build tried again, IndexBuildAttempts times in all.
func (r *runner) buildIndex(conn *sql.Conn, st planner.Step, stmt string, idx schema.QName) (int, error) {
	total := 0
	var lastErr error
	for build := 1; build <= IndexBuildAttempts; build++ {
		n, err := r.retry(st, "the index build", func() error { _, err := conn.ExecContext(r.dbctx, stmt); return err })
		total += n
		var blocked *BlockedError
		if errors.As(err, &blocked) || errors.Is(err, ErrInterrupted) {
			return total, err
		}
		valid, exists, cerr := r.indexValid(conn, idx)
		if cerr != nil {
			return total, fmt.Errorf("check index %s after building it: %w", idx, cerr)
		}
		if err == nil && exists && valid {
			return total, nil
		}
		if err == nil && !exists {
			return total, fmt.Errorf("index %s does not exist after its build reported success", idx)
		}
		if err != nil && !exists {
			return total, err // the build failed before creating anything
		}
		lastErr = err
		if lastErr == nil {
			lastErr = errors.New("the index existed but was INVALID (left by an earlier failed build)")
		}
		r.logf("step %d: index %s is INVALID after build %d of %d (%v); dropping it", st.ID, idx, build, IndexBuildAttempts, lastErr)
		drop := r.eng.sql.DropIndexConcurrently(idx)
		if _, err := r.retry(st, "dropping the invalid index", func() error { _, err := conn.ExecContext(r.dbctx, drop); return err }); err != nil {
			return total, fmt.Errorf("index %s is INVALID and could not be dropped: %w; drop it by hand: %s", idx, err, drop)
		}
		if build < IndexBuildAttempts && r.ctx.Err() != nil {
			return total, fmt.Errorf("%w after dropping the invalid index %s", ErrInterrupted, idx)
		}
	}
	return total, fmt.Errorf("index %s was INVALID after %d builds and was dropped each time; last error: %w", idx, IndexBuildAttempts, lastErr)
}

// indexValid reads whether an index exists and is valid.
func (r *runner) indexValid(conn *sql.Conn, idx schema.QName) (valid, exists bool, err error) {
	query, args := r.eng.bind(r.eng.sql.IndexValid(), idx.Schema, idx.Name)
	err = conn.QueryRowContext(r.dbctx, query, args...).Scan(&valid)
	if errors.Is(err, sql.ErrNoRows) {
		return false, false, nil
	}
	return valid, err == nil, err
}
