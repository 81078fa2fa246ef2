package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/tidedb/tide/dialects"
	_ "github.com/tidedb/tide/dialects/postgres" // registers the postgres dialect
	"github.com/tidedb/tide/inspect"
	_ "github.com/tidedb/tide/inspect/postgres" // registers postgres:// URLs
	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/schema"
)

// loadFiles reads desired-state files for a dialect ("" = as the files say)
// and brings them into the dialect's offline canonical form.
func loadFiles(paths []string, dialect string, vars map[string]string) (*schema.Schema, dialects.Dialect, error) {
	if len(paths) == 0 {
		return nil, nil, errors.New("no desired state: pass --to FILE_OR_DIR (an .hcl or .sql file, or a directory of them)")
	}
	s, err := schema.Load(paths, schema.LoadOptions{
		Vars:    vars,
		Dialect: dialect,
		ParseSQL: func(name, file string, src []byte) (*schema.Schema, error) {
			d, err := dialects.Get(name)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			return d.ParseSQL(file, src)
		},
		DefaultSchema: func(name string) string {
			if d, err := dialects.Get(name); err == nil {
				return d.DefaultSchema()
			}
			return ""
		},
	})
	if err != nil {
		return nil, nil, err
	}
	if dialect != "" && s.Dialect != "" && s.Dialect != dialect {
		return nil, nil, fmt.Errorf("the desired schema is written for %s, but the target is a %s database", s.Dialect, dialect)
	}
	if s.Dialect == "" {
		s.Dialect = dialect
	}
	d, err := dialects.Get(s.Dialect)
	if err != nil {
		return nil, nil, err
	}
	if err := d.Normalize(s); err != nil {
		return nil, nil, err
	}
	if err := schema.Validate(s); err != nil {
		return nil, nil, err
	}
	return s, d, nil
}

// target is a live database with its two schemas: what it has and what the
// files want, the latter normalised by the server itself.
type target struct {
	db      inspect.Database
	d       dialects.Dialect
	version dialects.Version
	current *schema.Schema
	desired *schema.Schema
}

// openTarget connects, inspects and normalises. The caller closes t.db.
func openTarget(ctx context.Context, o *options) (*target, error) {
	if o.url == "" {
		return nil, errors.New("no database: pass --url postgres://user:pass@host:5432/db (or set TIDE_URL)")
	}
	vars, err := o.varMap()
	if err != nil {
		return nil, err
	}
	db, err := inspect.Open(ctx, o.url)
	if err != nil {
		return nil, err
	}
	t := &target{db: db, d: db.Dialect()}
	fail := func(err error) (*target, error) { db.Close(); return nil, err }
	if t.version, err = db.Version(ctx); err != nil {
		return fail(err)
	}
	// Reading the files is client CPU and inspecting is mostly the
	// server's: at 10,000 tables each takes seconds, so they overlap.
	type loaded struct {
		s   *schema.Schema
		err error
	}
	files := make(chan loaded, 1)
	go func() {
		s, _, err := loadFiles(o.to, t.d.Name(), vars)
		files <- loaded{s, err}
	}()
	current, inspectErr := db.Inspect(ctx, inspect.Options{Schemas: o.schemas})
	f := <-files
	if f.err != nil {
		return fail(f.err)
	}
	if inspectErr != nil {
		return fail(inspectErr)
	}
	desired := f.s
	t.current = current
	shadowHost := db
	if o.devURL != "" {
		dev, err := inspect.Open(ctx, o.devURL)
		if err != nil {
			return fail(fmt.Errorf("--dev-url: %w", err))
		}
		defer dev.Close()
		if dev.Dialect().Name() != t.d.Name() {
			return fail(fmt.Errorf("--dev-url is a %s server but the target is %s", dev.Dialect().Name(), t.d.Name()))
		}
		shadowHost = dev
	}
	if t.desired, err = inspect.NormalizeWithShadow(ctx, shadowHost, desired); err != nil {
		return fail(err)
	}
	return t, nil
}

// buildPlan diffs and plans current → desired.
func buildPlan(current, desired *schema.Schema, d dialects.Dialect, o *options, v dialects.Version, targetName string) (*planner.Plan, []schema.Change, error) {
	changes, err := planner.Diff(current, desired)
	if err != nil {
		return nil, nil, err
	}
	p, err := planner.Build(changes, current, desired, d, planner.Options{
		LockTimeout:      o.lockTimeout,
		StatementTimeout: o.stmtTimeout,
		BatchSize:        o.batchSize,
		Version:          v,
		TideVersion:      version,
		Target:           targetName,
		ServerVersion:    serverVersion(v),
	})
	return p, changes, err
}

func serverVersion(v dialects.Version) string {
	if v.Major == 0 {
		return ""
	}
	name := map[string]string{"postgres": "PostgreSQL", "mysql": "MySQL", "mariadb": "MariaDB", "mssql": "SQL Server"}[v.Flavor]
	if name == "" {
		name = v.Flavor
	}
	return name + " " + v.String()
}
