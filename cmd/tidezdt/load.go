package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// loadApplicationName is the application_name of the load's connections, so
// the lock sampler can tell them from the migration's.
const loadApplicationName = "tidezdt-load"

// loadConfig says how the application load behaves.
type loadConfig struct {
	url      string
	workers  int               // connections, one goroutine each
	deadline time.Duration     // client-side deadline of every query; no retries
	mode     pgx.QueryExecMode // how pgx sends queries
	maxID    int64             // ids 1..maxID exist when the load starts
	accounts int64             // account ids 1..accounts exist
}

// load is a running application load: workers doing reads by id, updates of
// amount/note by id and inserts on payments, each query timed.
type load struct {
	cfg     loadConfig
	pool    *pgxpool.Pool
	began   time.Time
	nextID  atomic.Int64
	newApp  atomic.Bool        // inserts name has_note (the application version deployed after expand)
	inserts atomic.Int64       // successful inserts
	stop    context.CancelFunc // cancels queries only when the whole run is interrupted
	halt    atomic.Bool        // asks workers to stop after their current query
	wg      sync.WaitGroup
	mu      sync.Mutex
	samples []sample
}

// startLoad connects the workers and starts them.
func startLoad(ctx context.Context, cfg loadConfig) (*load, error) {
	poolCfg, err := pgxpool.ParseConfig(cfg.url)
	if err != nil {
		return nil, err
	}
	poolCfg.MaxConns = int32(cfg.workers)
	poolCfg.MinConns = int32(cfg.workers)
	poolCfg.ConnConfig.DefaultQueryExecMode = cfg.mode
	poolCfg.ConnConfig.RuntimeParams["application_name"] = loadApplicationName
	pool, err := pgxpool.NewWithConfig(ctx, poolCfg)
	if err != nil {
		return nil, err
	}
	// Open every connection before the clock starts.
	conns := make([]*pgxpool.Conn, 0, cfg.workers)
	for range cfg.workers {
		c, err := pool.Acquire(ctx)
		if err != nil {
			pool.Close()
			return nil, fmt.Errorf("connect the load: %w", err)
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.Release()
	}
	runCtx, stop := context.WithCancel(ctx)
	l := &load{cfg: cfg, pool: pool, began: time.Now(), stop: stop}
	l.nextID.Store(cfg.maxID)
	for w := range cfg.workers {
		l.wg.Add(1)
		go l.work(runCtx, uint64(w))
	}
	return l, nil
}

// since is the time elapsed since the load started.
func (l *load) since() time.Duration { return time.Since(l.began) }

// finish lets every worker complete its current query, closes the
// connections and returns every sample. In-flight queries are not cancelled,
// so every insert counted as done is in the table and no other is.
func (l *load) finish() []sample {
	l.halt.Store(true)
	l.wg.Wait()
	l.stop()
	l.pool.Close()
	return l.samples
}

// work runs queries back to back until ctx ends: 60% reads, 30% updates, 10%
// inserts. A failed query is recorded and never retried.
func (l *load) work(ctx context.Context, seed uint64) {
	defer l.wg.Done()
	rng := rand.New(rand.NewPCG(seed, uint64(time.Now().UnixNano())))
	var mine []sample
	for ctx.Err() == nil && !l.halt.Load() {
		var op string
		var run func(context.Context) error
		switch r := rng.IntN(10); {
		case r < 6:
			op, run = "read", l.read(rng.Int64N(l.cfg.maxID)+1)
		case r < 9:
			op, run = "update", l.update(rng.Int64N(l.cfg.maxID)+1, rng.Int64N(100000), rng.IntN(2) == 0)
		default:
			op, run = "insert", l.insert(rng.Int64N(l.cfg.accounts)+1, rng.Int64N(100000), rng.IntN(3) > 0)
		}
		start := time.Now()
		qctx, cancel := context.WithTimeout(ctx, l.cfg.deadline)
		err := run(qctx)
		cancel()
		elapsed := time.Since(start)
		if err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled) {
			break // the load was stopped mid-query: not an application error
		}
		s := sample{start: start.Sub(l.began), latency: elapsed, op: op}
		if err != nil {
			s.err = err.Error()
			if errors.Is(err, context.DeadlineExceeded) {
				s.err = fmt.Sprintf("no answer within the %s client deadline", l.cfg.deadline)
			}
		}
		mine = append(mine, s)
	}
	l.mu.Lock()
	l.samples = append(l.samples, mine...)
	l.mu.Unlock()
}

func (l *load) read(id int64) func(context.Context) error {
	return func(ctx context.Context) error {
		var gotID, accountID, amount int64
		var note *string
		err := l.pool.QueryRow(ctx, "SELECT id, account_id, amount, note FROM payments WHERE id = $1", id).
			Scan(&gotID, &accountID, &amount, &note)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("payment %d is missing", id)
		}
		return err
	}
}

func (l *load) update(id, amount int64, withNote bool) func(context.Context) error {
	return func(ctx context.Context) error {
		var note any
		if withNote {
			note = fmt.Sprintf("updated %d", amount)
		}
		tag, err := l.pool.Exec(ctx, "UPDATE payments SET amount = $1, note = $2 WHERE id = $3", amount, note, id)
		if err == nil && tag.RowsAffected() != 1 {
			return fmt.Errorf("update of payment %d touched %d rows", id, tag.RowsAffected())
		}
		return err
	}
}

func (l *load) insert(accountID, amount int64, withNote bool) func(context.Context) error {
	return func(ctx context.Context) error {
		id := l.nextID.Add(1)
		var note any
		if withNote {
			note = fmt.Sprintf("new %d", id)
		}
		var err error
		if l.newApp.Load() {
			_, err = l.pool.Exec(ctx, "INSERT INTO payments (id, account_id, amount, note, created_at, has_note) VALUES ($1, $2, $3, $4, now(), $5)",
				id, accountID, amount, note, withNote)
		} else {
			_, err = l.pool.Exec(ctx, "INSERT INTO payments (id, account_id, amount, note, created_at) VALUES ($1, $2, $3, $4, now())",
				id, accountID, amount, note)
		}
		if err == nil {
			l.inserts.Add(1)
		}
		return err
	}
}
