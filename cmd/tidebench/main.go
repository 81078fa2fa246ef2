// Command tidebench measures tide against pg_dump on generated schemas of
// 1,000 and 10,000 tables, and against mysqldump on a 1,000-table MySQL
// schema, and prints markdown tables: wall time (median of several runs) and
// peak memory of `tide inspect`, of `tide plan` (live, and offline from
// files) and of `pg_dump --schema-only` / `mysqldump --no-data`. `make bench`
// runs it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tidedb/tide/cmd/tidebench/schemagen"
)

func main() {
	admin := flag.String("url", envOr("TIDE_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"), "admin URL of the PostgreSQL server")
	tide := flag.String("tide", "bin/tide", "path of the tide binary")
	sizes := flag.String("sizes", "1000,10000", "table counts to measure")
	runs := flag.Int("runs", 3, "runs per measurement (the median is printed)")
	mysqlAdmin := flag.String("mysql-url", envOr("TIDE_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/mysql"), "URL of the MySQL/MariaDB server (any database: the benchmark creates its own)")
	mysqlSizes := flag.String("mysql-sizes", "1000", "table counts to measure on MySQL/MariaDB (\"\" skips it)")
	emit := flag.Int("emit", 0, "only print the generated schema of this many tables and exit")
	variant := flag.Int("variant", 0, "with -emit: print this variant of the schema (1 = the plan's target)")
	flag.Parse()
	if *emit > 0 {
		fmt.Print(schemagen.SQL(schemagen.Options{Tables: *emit, Schemas: 3, Variant: *variant}))
		return
	}
	if *sizes != "" {
		if err := bench(*admin, *tide, *sizes, *runs); err != nil {
			fmt.Fprintln(os.Stderr, "tidebench:", err)
			os.Exit(1)
		}
	}
	if *mysqlSizes != "" {
		fmt.Println()
		if err := benchMySQL(*mysqlAdmin, *tide, *mysqlSizes, *runs); err != nil {
			fmt.Fprintln(os.Stderr, "tidebench: mysql:", err)
			os.Exit(1)
		}
	}
	fmt.Println("\nwall time: median of the runs; memory: peak RSS of the process (max over runs).")
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// result is one measured command: median wall time and the largest peak RSS.
type result struct {
	wall time.Duration
	rss  int64 // bytes
}

func bench(admin, tide string, sizeList string, runs int) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "tidebench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	fmt.Println("| tables | pg_dump --schema-only | tide inspect | inspect / pg_dump | tide plan (live) | tide plan (offline, files) |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|")
	for _, f := range strings.Split(sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return fmt.Errorf("-sizes: %v", err)
		}
		base := filepath.Join(dir, fmt.Sprintf("base%d.sql", n))
		variant := filepath.Join(dir, fmt.Sprintf("variant%d.sql", n))
		if err := os.WriteFile(base, []byte(schemagen.SQL(schemagen.Options{Tables: n, Schemas: 3})), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(variant, []byte(schemagen.SQL(schemagen.Options{Tables: n, Schemas: 3, Variant: 1})), 0o644); err != nil {
			return err
		}
		dbURL, drop, err := createDB(ctx, admin, fmt.Sprintf("tidebench_%d_%d", n, os.Getpid()), base)
		if err != nil {
			return err
		}
		err = benchRow(runs, n, tide, "postgres", dbURL, base, variant, "pg_dump", "--schema-only", "-d", dbURL)
		drop()
		if err != nil {
			return err
		}
	}
	return nil
}

// benchRow measures the dump command, then tide inspect, a live plan to
// variant and an offline plan from base to variant, and prints them as one
// row of the table.
func benchRow(runs, n int, tide, dialect, dbURL, base, variant string, dump ...string) error {
	d, err := measure(runs, dump[0], dump[1:]...)
	if err != nil {
		return err
	}
	insp, err := measure(runs, tide, "inspect", "--url", dbURL, "--format", "json")
	if err != nil {
		return err
	}
	live, err := measure(runs, tide, "plan", "--url", dbURL, "--to", variant, "--format", "json")
	if err != nil {
		return err
	}
	off, err := measure(runs, tide, "plan", "--from", base, "--to", variant, "--dialect", dialect, "--format", "json")
	if err != nil {
		return err
	}
	fmt.Printf("| %d | %s | %s | %.2f | %s | %s |\n", n, d, insp, float64(insp.wall)/float64(d.wall), live, off)
	return nil
}

func (r result) String() string {
	return fmt.Sprintf("%.2f s, %d MB", r.wall.Seconds(), r.rss>>20)
}

// measure runs a command several times, discarding its output.
func measure(runs int, name string, args ...string) (result, error) {
	var walls []time.Duration
	var peak int64
	for i := 0; i < runs; i++ {
		cmd := exec.Command(name, args...)
		cmd.Stdout = io.Discard
		var stderr strings.Builder
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return result{}, fmt.Errorf("%s %s: %v: %s", name, args[0], err, stderr.String())
		}
		walls = append(walls, time.Since(start))
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss*1024 > peak {
			peak = ru.Maxrss * 1024 // Linux reports KiB
		}
	}
	sort.Slice(walls, func(i, j int) bool { return walls[i] < walls[j] })
	return result{wall: walls[len(walls)/2], rss: peak}, nil
}

// createDB creates a database, loads a script into it and returns its URL
// and a function that drops it.
func createDB(ctx context.Context, admin, name, script string) (string, func(), error) {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", nil, err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", nil, err
	}
	u, _ := url.Parse(admin)
	u.Path = "/" + name
	dbURL := u.String()
	drop := func() {
		c, err := pgx.Connect(ctx, admin)
		if err == nil {
			_, _ = c.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
			c.Close(ctx)
		}
	}
	src, err := os.ReadFile(script)
	if err != nil {
		drop()
		return "", nil, err
	}
	db, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		drop()
		return "", nil, err
	}
	defer db.Close(ctx)
	// One transaction per chunk: a 10,000-table script in one transaction
	// runs out of lock table space (max_locks_per_transaction).
	stmts := strings.SplitAfter(string(src), ";\n")
	for start := 0; start < len(stmts); start += 250 {
		part := strings.Join(stmts[start:min(start+250, len(stmts))], "")
		if _, err := db.Exec(ctx, part); err != nil {
			drop()
			return "", nil, fmt.Errorf("load %s: %w", script, err)
		}
	}
	if _, err := db.Exec(ctx, "ANALYZE"); err != nil {
		drop()
		return "", nil, err
	}
	return dbURL, drop, nil
}
