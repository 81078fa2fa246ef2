package apply

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
)

// BatchProgress is a backfill's progress after a committed batch.
type BatchProgress struct {
	Step planner.Step
	// Batch counts the batches of this run (1 = the first).
	Batch int
	// BatchSize is the size the batch was run with; BatchRows the rows it
	// covered; Rows the rows done so far, including a resumed run's earlier
	// rows; Estimate the table's row estimate (-1 unknown).
	BatchSize, BatchRows int
	Rows, Estimate       int64
	// LastKey is the batch's last key (persisted as the checkpoint).
	LastKey []string
	// Resumed is true when this run continued an interrupted backfill.
	Resumed  bool
	Duration time.Duration
	// ReplicaWait is how long the batch waited for lagging replicas first.
	ReplicaWait time.Duration
}

// checkpoint is a backfill's persisted position.
type checkpoint struct {
	lastKey []string
	rows    int64
	applyID int64
}

// lastCheckpoint finds an unfinished backfill of the same step (by step
// key) in an earlier apply.
func (r *runner) lastCheckpoint(st planner.Step) (*checkpoint, error) {
	var applyID int64
	var outcome string
	var key sql.NullString
	var rows sql.NullInt64
	query, args := r.eng.bind(r.hist.stmts.LastCheckpoint, stepKey(st), r.hist.applyID)
	err := r.sess.conn.QueryRowContext(r.dbctx, query, args...).Scan(&applyID, &outcome, &key, &rows)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if outcome == StatusDone || !key.Valid {
		return nil, nil
	}
	c := &checkpoint{rows: rows.Int64, applyID: applyID}
	if err := json.Unmarshal([]byte(key.String), &c.lastKey); err != nil {
		return nil, fmt.Errorf("checkpoint of apply %d: %w", applyID, err)
	}
	if len(c.lastKey) != len(st.Backfill.Key) {
		return nil, nil
	}
	return c, nil
}

// backfill runs a backfill step in batches from Go: the upper bound once,
// then one transaction per batch that updates the batch and checkpoints its
// last key into the history, the batch size adapting toward
// TargetBatchTime. It resumes after the checkpoint of an unfinished run of
// the same step. It returns the number of batch attempts.
func (r *runner) backfill(conn *sql.Conn, st planner.Step) (int, error) {
	b := *st.Backfill
	n := len(b.Key)
	if err := r.checkBackfillKey(st, true); err != nil {
		return 0, err
	}
	size := r.opts.BatchSize
	if size <= 0 {
		size = b.BatchSize
	}
	if size <= 0 {
		size = 1000
	}
	// The batch size is a cap: the first batch is a small calibration batch,
	// and later ones adapt toward the target batch time, because an
	// application write of a row in the current batch waits for it to commit
	// — the longest client wait is about the longest batch.
	maxSize := min(size, MaxBatchSize)
	minSize := min(MinBatchSize, maxSize)
	size = min(maxSize, CalibrationBatchSize)

	var rows int64
	var last []string
	resumed := false
	cp, err := r.lastCheckpoint(st)
	if err != nil {
		return 0, fmt.Errorf("read the checkpoint of %s: %w", b.Table, err)
	}
	if cp != nil {
		last, rows, resumed = cp.lastKey, cp.rows, true
		r.logf("step %d: resuming the backfill of %s interrupted in apply %d after key %v (%d rows done)", st.ID, b.Table, cp.applyID, cp.lastKey, cp.rows)
	}

	upper := make([]any, n)
	upperStr := make([]string, n)
	scan := make([]any, n)
	for i := range upperStr {
		scan[i] = &upperStr[i]
	}
	err = conn.QueryRowContext(r.dbctx, r.eng.sql.KeysetUpperBound(b)).Scan(scan...)
	if errors.Is(err, sql.ErrNoRows) {
		r.logf("step %d: %s is empty, nothing to backfill", st.ID, b.Table)
		return 1, nil
	}
	if err != nil {
		return 1, fmt.Errorf("read the largest key of %s: %w", b.Table, err)
	}
	for i, v := range upperStr {
		upper[i] = v
	}

	estimate := st.Estimate.Rows
	attempts, batch := 0, 0
	start, lastLog := time.Now(), time.Now()
	startRows := rows
	if r.opts.ProgressBar && r.opts.Log != nil {
		r.bar = newProgressBar(r.opts.Log, b.Table.String())
		defer func() {
			if r.bar != nil {
				r.bar.finish(rows, rows-startRows, estimate, time.Since(start))
				r.bar = nil
			}
		}()
	}
	throttle := r.replicaThrottle()
	for {
		if r.ctx.Err() != nil {
			return attempts, fmt.Errorf("%w: the backfill of %s stopped after %d rows, checkpointed at key %v; run apply again to resume", ErrInterrupted, b.Table, rows, last)
		}
		lagWait, ok := throttle.wait()
		if !ok {
			continue // the loop's check reports the interruption
		}
		bb := b
		bb.BatchSize = size
		var key []string
		var batchRows int64
		t0 := time.Now()
		n1, err := r.retry(st, fmt.Sprintf("backfill batch %d", batch+1), func() error {
			var err error
			key, batchRows, err = r.runBatch(conn, st, bb, last, upper, rows)
			return err
		})
		attempts += n1
		if err != nil {
			return attempts, err
		}
		took := time.Since(t0)
		if key == nil {
			if r.bar != nil {
				r.bar.finish(rows, rows-startRows, estimate, time.Since(start))
				r.bar = nil
			}
			r.logf("step %d: backfill of %s done: %d rows in %s", st.ID, b.Table, rows, time.Since(start).Round(time.Millisecond))
			return attempts, nil
		}
		batch++
		rows += batchRows
		last = key
		if r.opts.OnBatch != nil {
			r.opts.OnBatch(BatchProgress{Step: st, Batch: batch, BatchSize: size, BatchRows: int(batchRows), Rows: rows, Estimate: estimate, LastKey: key, Resumed: resumed, Duration: took, ReplicaWait: lagWait})
		}
		if r.bar != nil {
			r.bar.update(time.Now(), rows, rows-startRows, estimate, time.Since(start))
		} else if time.Since(lastLog) >= r.opts.ProgressEvery {
			r.logf("%s", progressLine(b.Table.String(), rows, rows-startRows, estimate, time.Since(start)))
			lastLog = time.Now()
		}
		size = adaptBatch(size, took, r.opts.TargetBatchTime, minSize, maxSize)
		if r.opts.BatchPause > 0 && !r.sleep(r.opts.BatchPause) {
			continue // the loop's check reports the interruption
		}
	}
}

// runBatch runs one batch — the batch after key last (nil = the first) up
// to the upper bound — and its checkpoint in one transaction. On an engine
// whose batch query only finds the batch (dialects.KeysetRangeUpdater), the
// batch's key range is updated next in the same transaction. It returns
// the batch's last key, nil when the key range is exhausted.
func (r *runner) runBatch(conn *sql.Conn, st planner.Step, b dialects.Backfill, last []string, upper []any, rowsBefore int64) ([]string, int64, error) {
	n := len(b.Key)
	stmt, args := r.eng.sql.KeysetFirstBatch(b), upper
	if last != nil {
		stmt = r.eng.sql.KeysetBatch(b)
		args = append(stringArgs(last), upper...)
	}
	stmt, args = r.eng.bind(stmt, args...)
	tx, err := conn.BeginTx(r.dbctx, nil)
	if err != nil {
		return nil, 0, err
	}
	defer func() { _ = tx.Rollback() }()
	key := make([]string, n)
	dest := make([]any, 0, n+2)
	for i := range key {
		dest = append(dest, &key[i])
	}
	var batchRows, updated int64
	dest = append(dest, &batchRows, &updated)
	err = tx.QueryRowContext(r.dbctx, stmt, args...).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, tx.Commit()
	}
	if err != nil {
		return nil, 0, err
	}
	if u, ok := r.eng.sql.(dialects.KeysetRangeUpdater); ok {
		update, uargs := u.KeysetFirstUpdate(b), stringArgs(key)
		if last != nil {
			update, uargs = u.KeysetUpdate(b), append(stringArgs(last), uargs...)
		}
		update, uargs = r.eng.bind(update, uargs...)
		if _, err := tx.ExecContext(r.dbctx, update, uargs...); err != nil {
			return nil, 0, err
		}
	}
	js, _ := json.Marshal(key)
	cp, cpArgs := r.eng.bind(r.hist.stmts.Checkpoint, r.hist.applyID, st.ID, string(js), rowsBefore+batchRows, st.Estimate.Rows)
	if _, err := tx.ExecContext(r.dbctx, cp, cpArgs...); err != nil {
		return nil, 0, fmt.Errorf("checkpoint: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, 0, err
	}
	return key, batchRows, nil
}

// stringArgs turns key values into query arguments.
func stringArgs(key []string) []any {
	out := make([]any, len(key))
	for i, v := range key {
		out[i] = v
	}
	return out
}

// adaptBatch scales the batch size by target/took, so the next batch should
// take about the target, changing it by at most ×1.5 up or ×0.5 down per
// batch, within [minSize, maxSize]; target < 0 keeps it.
func adaptBatch(size int, took, target time.Duration, minSize, maxSize int) int {
	if target < 0 {
		return size
	}
	ratio := float64(target) / float64(max(took, time.Millisecond))
	ratio = max(0.5, min(1.5, ratio))
	next := int(float64(size) * ratio)
	return max(minSize, min(maxSize, next))
}

// progressLine is "backfill T: R of ~E rows (P%), X rows/s, ETA D".
func progressLine(table string, rows, rowsThisRun, estimate int64, elapsed time.Duration) string {
	rate := float64(rowsThisRun) / max(elapsed.Seconds(), 0.001)
	line := fmt.Sprintf("backfill %s: %d rows", table, rows)
	if estimate > 0 {
		line += fmt.Sprintf(" of ~%d (%d%%)", estimate, rows*100/estimate)
	}
	line += fmt.Sprintf(", %.0f rows/s", rate)
	if estimate > rows && rate > 0 {
		eta := time.Duration(float64(estimate-rows) / rate * float64(time.Second))
		line += ", ETA " + eta.Round(time.Second).String()
	}
	return line
}
