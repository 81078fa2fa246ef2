package postgres

import (
	"context"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tidedb/tide/dialects"
)

// catalogTask is a share of the catalog reads that either connection can
// run: it fetches rows into itself and touches nothing else.
type catalogTask interface {
	fetch(ctx context.Context, q catalogQuerier, v dialects.Version) error
}

// workQueue hands out catalog tasks to the connections reading them, in
// order, each task to one connection, and records their errors.
type workQueue struct {
	mu     sync.Mutex
	idle   *sync.Cond // signalled when a task ends
	tasks  []catalogTask
	errs   []error
	next   int // the next task to hand out
	active int // tasks handed out and not ended
}

func newWorkQueue(tasks ...catalogTask) *workQueue {
	w := &workQueue{tasks: tasks, errs: make([]error, len(tasks))}
	w.idle = sync.NewCond(&w.mu)
	return w
}

// run runs tasks on one connection until none is left.
func (w *workQueue) run(ctx context.Context, q catalogQuerier, v dialects.Version) {
	for {
		w.mu.Lock()
		i := w.next
		if i >= len(w.tasks) {
			w.mu.Unlock()
			return
		}
		w.next++
		w.active++
		w.mu.Unlock()

		err := w.tasks[i].fetch(ctx, q, v)

		w.mu.Lock()
		w.errs[i] = err
		w.active--
		w.idle.Broadcast()
		w.mu.Unlock()
	}
}

// wait waits until every task has run and returns the first error, in
// task order.
func (w *workQueue) wait() error {
	w.mu.Lock()
	for w.next < len(w.tasks) || w.active > 0 {
		w.idle.Wait()
	}
	w.mu.Unlock()
	for _, err := range w.errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// helper reads catalog tasks on a second connection of the pool while the
// inspection's own connection reads the others, both in the same snapshot:
// the inspection exports its snapshot (pg_export_snapshot) and the helper's
// transaction imports it (SET TRANSACTION SNAPSHOT), as pg_dump --jobs does.
// The server then works on two backends at once; printing expressions
// (pg_get_expr and the like) opens each table, and each backend opens only
// the tables of its own tasks.
//
// The helper is best effort: when it cannot connect or import the snapshot
// (an empty snapshot means there is none), it gives up and the inspection's
// connection runs every task. Tasks go to whichever connection is free, so
// a helper slow to start never delays the inspection.
type helper struct {
	db       *Database
	settings string     // sessionSettings of the inspection
	watch    *lockWatch // told the helper's session; may be nil
	cancel   context.CancelFunc
	snapshot chan string     // the exported snapshot, sent once
	work     chan *workQueue // the tasks, sent once
	done     chan struct{}   // closed when the helper has finished
}

// startHelper starts a helper, which connects in the background and
// makes the inspection's settings (sessionSettings) in its transaction.
func (d *Database) startHelper(ctx context.Context, settings string, w *lockWatch) *helper {
	ctx, cancel := context.WithCancel(ctx)
	h := &helper{db: d, settings: settings, watch: w, cancel: cancel, snapshot: make(chan string, 1), work: make(chan *workQueue, 1), done: make(chan struct{})}
	go h.run(ctx)
	return h
}

// run is the helper's goroutine.
func (h *helper) run(ctx context.Context) {
	defer close(h.done)
	conn, err := h.db.pool.Conn(ctx)
	if err != nil {
		return // the inspection runs every task
	}
	defer conn.Close()
	_ = conn.Raw(func(driverConn any) error {
		var snapshot string
		select {
		case snapshot = <-h.snapshot:
		case <-ctx.Done():
			return nil
		}
		if snapshot == "" {
			return nil
		}
		pc := driverConn.(*stdlib.Conn).Conn()
		h.watch.add(pc.PgConn().PID())
		tx, err := pc.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			return nil
		}
		defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // read-only: nothing to undo
		// One round trip (no arguments: simple protocol); the import must
		// be the transaction's first statement.
		if _, err := tx.Exec(ctx, "SET TRANSACTION SNAPSHOT "+quoteLiteral(snapshot)+"; SELECT "+h.settings); err != nil {
			return nil
		}
		select {
		case w := <-h.work:
			w.run(ctx, catalogQuerier{db: h.db, tx: tx}, h.db.version)
		case <-ctx.Done():
		}
		return nil
	})
}

// stop cancels the helper, whatever it is doing, and waits for it. Once
// its workQueue's wait has returned, it has nothing left to do but end.
func (h *helper) stop() {
	h.cancel()
	<-h.done
}
