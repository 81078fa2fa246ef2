// Command tidezdt is the zero-downtime benchmark (`make bench-zdt`). It loads
// a 1,000,000-row payments table (and 10,000 accounts) into a fresh database,
// starts an application load of 8 connections doing reads by id, updates and
// inserts, each query with a short client deadline and no retries, and runs
// one migration — amount int→bigint, a new NOT NULL column has_note with a
// backfill, an index, a foreign key and a check — first with `tide apply`,
// then as the plain DDL statements. It prints, for both, the client errors,
// the longest client wait, p99 and p50 latency, the queries done and the
// migration's duration, and for each migration step what the clients saw
// while it ran. It measures and prints; it asserts nothing.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// options are the command-line settings.
type options struct {
	admin    string
	tide     string
	rows     int64
	accounts int64
	workers  int
	deadline time.Duration
	settle   time.Duration
	mode     string
	phases   string
	only     string
	verbose  bool
}

func main() {
	var o options
	flag.StringVar(&o.admin, "url", envOr("TIDE_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"), "admin URL of the PostgreSQL server (databases are created and dropped on it)")
	flag.StringVar(&o.tide, "tide", "bin/tide", "path of the tide binary")
	flag.Int64Var(&o.rows, "rows", 1_000_000, "rows of payments")
	flag.Int64Var(&o.accounts, "accounts", 10_000, "rows of accounts")
	flag.IntVar(&o.workers, "workers", 8, "application connections")
	flag.DurationVar(&o.deadline, "deadline", 5*time.Second, "client-side deadline of every application query")
	flag.DurationVar(&o.settle, "settle", 3*time.Second, "load before and after the migration")
	flag.StringVar(&o.mode, "exec-mode", "exec", "pgx query mode of the load: exec | cache_statement (pgx's default; prepared statements fail once with 'cached plan must not change result type' when a column's type changes) | cache_describe | describe_exec | simple_protocol")
	flag.StringVar(&o.phases, "tide-phases", "all", "all: one `tide apply` while the old application runs throughout (inserts never name has_note); all-switch: one `tide apply`, the application switches to its new version (inserts name has_note) when the first contract step starts; split: `tide apply --phase expand`, switch, then `tide apply --phase contract`")
	flag.StringVar(&o.only, "only", "both", "which migrations to run: both | tide | plain")
	flag.BoolVar(&o.verbose, "v", false, "echo every migration event as it happens")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := bench(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tidezdt:", err)
		os.Exit(1)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// queryModes maps -exec-mode values to pgx's modes.
var queryModes = map[string]pgx.QueryExecMode{
	"exec":            pgx.QueryExecModeExec,
	"cache_statement": pgx.QueryExecModeCacheStatement,
	"cache_describe":  pgx.QueryExecModeCacheDescribe,
	"describe_exec":   pgx.QueryExecModeDescribeExec,
	"simple_protocol": pgx.QueryExecModeSimpleProtocol,
}

// runResult is one measured migration.
type runResult struct {
	name      string
	loadTime  time.Duration
	migration time.Duration
	err       error // the migration's own failure, if any
	samples   []sample
	events    []event
	lockWait  lockWait
	outcome   outcome
	outErr    error
	inserts   int64
	ran       time.Duration // how long the load ran
}

func bench(ctx context.Context, o options, out io.Writer) error {
	mode, ok := queryModes[o.mode]
	if !ok {
		return fmt.Errorf("-exec-mode %q: use exec, cache_statement, cache_describe, describe_exec or simple_protocol", o.mode)
	}
	if o.phases != "split" && o.phases != "all" && o.phases != "all-switch" {
		return fmt.Errorf("-tide-phases %q: use all, all-switch or split", o.phases)
	}
	var names []string
	switch o.only {
	case "both":
		names = []string{"tide", "plain DDL"}
	case "tide":
		names = []string{"tide"}
	case "plain":
		names = []string{"plain DDL"}
	default:
		return fmt.Errorf("-only %q: use both, tide or plain", o.only)
	}
	if o.only != "plain" {
		if _, err := os.Stat(o.tide); err != nil {
			return fmt.Errorf("tide binary %s: %w (run `make build`, or pass -tide)", o.tide, err)
		}
	}
	var results []runResult
	for _, name := range names {
		fmt.Fprintf(os.Stderr, "tidezdt: %s: loading %d payments and %d accounts…\n", name, o.rows, o.accounts)
		r, err := measureRun(ctx, o, mode, name)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		results = append(results, r)
	}
	report(out, o, results)
	return nil
}

// measureRun creates and loads a database, runs the load around one
// migration and inspects the result. The database is dropped at the end.
func measureRun(ctx context.Context, o options, mode pgx.QueryExecMode, name string) (runResult, error) {
	r := runResult{name: name}
	dbName := fmt.Sprintf("tidezdt_%s_%d", strings.Fields(name)[0], os.Getpid())
	dbURL, drop, err := createDatabase(ctx, o.admin, dbName)
	if err != nil {
		return r, err
	}
	defer drop()
	began := time.Now()
	if err := loadData(ctx, dbURL, o.rows, o.accounts); err != nil {
		return r, err
	}
	r.loadTime = time.Since(began)
	fmt.Fprintf(os.Stderr, "tidezdt: %s: loaded in %.1fs; load of %d connections running\n", name, r.loadTime.Seconds(), o.workers)

	// Which plan steps are the contract phase, asked before the clock
	// starts: the application switches versions when the first one starts.
	var contract map[int]bool
	desired, cleanup, err := writeDesired()
	if err != nil {
		return r, err
	}
	defer cleanup()
	if name == "tide" && o.phases == "all-switch" {
		if contract, err = contractSteps(ctx, o.tide, dbURL, desired); err != nil {
			return r, err
		}
	}

	l, err := startLoad(ctx, loadConfig{url: dbURL, workers: o.workers, deadline: o.deadline, mode: mode, maxID: o.rows, accounts: o.accounts})
	if err != nil {
		return r, err
	}
	log := &eventLog{began: l.began}
	if o.verbose {
		log.echo = os.Stderr
	}
	samplerCtx, stopSampler := context.WithCancel(ctx)
	sampled := make(chan lockWait, 1)
	go func() { sampled <- sampleLockWaits(samplerCtx, dbURL, l.began, 50*time.Millisecond) }()

	log.add("start load before the migration")
	sleep(ctx, o.settle)
	log.add("end load before the migration")
	log.add("migration begins")
	start := time.Now()
	if name == "tide" {
		r.err = migrateWithTide(ctx, o, dbURL, desired, contract, l, log)
	} else {
		r.err = runPlainDDL(ctx, dbURL, log)
	}
	r.migration = time.Since(start)
	log.add("migration ends")
	fmt.Fprintf(os.Stderr, "tidezdt: %s: migration took %.1fs\n", name, r.migration.Seconds())
	log.add("start load after the migration")
	sleep(ctx, o.settle)
	r.samples = l.finish()
	log.add("end load after the migration")
	r.ran = l.since()
	r.inserts = l.inserts.Load()
	stopSampler()
	r.lockWait = <-sampled
	r.events = log.all()
	r.outcome, r.outErr = inspectOutcome(ctx, dbURL, o.rows)
	return r, ctx.Err()
}

// migrateWithTide runs tide apply: in one go, or expand, then the
// application's new version, then contract. contract holds the ids of the
// contract steps (for -tide-phases all-switch).
func migrateWithTide(ctx context.Context, o options, dbURL, desired string, contract map[int]bool, l *load, log *eventLog) error {
	switch o.phases {
	case "all":
		return runTide(ctx, o.tide, dbURL, desired, "all", log, nil)
	case "all-switch":
		switched := false
		return runTide(ctx, o.tide, dbURL, desired, "all", log, func(id int) {
			if contract[id] && !switched {
				switched = true
				l.newApp.Store(true)
				log.add("application switched to its new version: inserts name has_note")
			}
		})
	}
	if err := runTide(ctx, o.tide, dbURL, desired, "expand", log, nil); err != nil {
		return err
	}
	l.newApp.Store(true)
	log.add("application switched to its new version: inserts name has_note")
	// Let inserts of the old version still in flight finish before the
	// contract phase drops the trigger that fills has_note for them.
	sleep(ctx, o.deadline/5)
	return runTide(ctx, o.tide, dbURL, desired, "contract", log, nil)
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
