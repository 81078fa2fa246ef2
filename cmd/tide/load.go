package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/tidedb/tide/dialects"
	_ "github.com/tidedb/tide/dialects/mysql"    // registers the mysql dialect
	_ "github.com/tidedb/tide/dialects/postgres" // registers the postgres dialect
	"github.com/tidedb/tide/inspect"
	_ "github.com/tidedb/tide/inspect/mysql"    // registers mysql:// and mariadb:// URLs
	_ "github.com/tidedb/tide/inspect/postgres" // registers postgres:// URLs
	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/schema"
)

// loadFiles reads desired-state files for a dialect ("" = as the files say)
// and brings them into the dialect's offline canonical form.
func loadFiles(paths []string, dialect string, vars map[string]string) (*schema.Schema, dialects.Dialect, error) {
	return loadFilesFor(paths, dialect, nil, vars)
}

// loadFilesFor is loadFiles with the live database's dialect: files of its
// dialect are read and normalised by it (target.Dialect(), which knows the
// connection's database — MySQL's default namespace — and the server),
// others by the registered dialect of their name. target may be nil.
func loadFilesFor(paths []string, dialect string, target dialects.Dialect, vars map[string]string) (*schema.Schema, dialects.Dialect, error) {
	get := func(name string) (dialects.Dialect, error) {
		if target != nil && name == target.Name() {
			return target, nil
		}
		return dialects.Get(name)
	}
	if len(paths) == 0 {
		return nil, nil, errors.New("no desired state: pass --to FILE_OR_DIR (an .hcl or .sql file, or a directory of them)")
	}
	s, err := schema.Load(paths, schema.LoadOptions{
		Vars:    vars,
		Dialect: dialect,
		ParseSQL: func(name, file string, src []byte) (*schema.Schema, error) {
			d, err := get(name)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			return d.ParseSQL(file, src)
		},
		DefaultSchema: func(name string) string {
			if d, err := get(name); err == nil {
				return d.DefaultSchema()
			}
			return ""
		},
		NamespaceSQL: func(name, ns string) string {
			d, err := get(name)
			if err != nil {
				return ""
			}
			stmts, err := d.CreateSQL(&schema.Schema{Dialect: name, Namespaces: []*schema.Namespace{{Name: ns}}})
			if err != nil || len(stmts) != 1 {
				return ""
			}
			return stmts[0]
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
	d, err := get(s.Dialect)
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
	var prefetched *prefetchedShadow
	fail := func(err error) (*target, error) {
		if prefetched != nil {
			prefetched.release() // before the pool it drops through closes
		}
		db.Close()
		return nil, err
	}
	if t.version, err = db.Version(ctx); err != nil {
		return fail(err)
	}
	if o.devURL == "" {
		prefetched = prefetchShadow(ctx, db)
		defer prefetched.release()
	}
	// Reading the files is client CPU and inspecting is mostly the
	// server's: at 10,000 tables each takes seconds, so they overlap.
	type loaded struct {
		s   *schema.Schema
		err error
	}
	files := make(chan loaded, 1)
	go func() {
		s, _, err := loadFilesFor(o.to, t.d.Name(), t.d, vars)
		files <- loaded{s, err}
	}()
	current, inspectErr := db.Inspect(ctx, o.inspectOptions(false))
	f := <-files
	if f.err != nil {
		return fail(f.err)
	}
	if inspectErr != nil {
		return fail(inspectErr)
	}
	desired := f.s
	t.current = current
	var shadowHost inspect.Database = db
	if prefetched != nil {
		shadowHost = prefetched
	}
	if o.devURL != "" {
		dev, err := inspect.Open(ctx, o.devURL)
		if err != nil {
			return fail(fmt.Errorf("--dev-url: %w", err))
		}
		defer dev.Close()
		if dev.Dialect().Name() != t.d.Name() {
			return fail(fmt.Errorf("--dev-url is a %s server but the target is %s", dev.Dialect().Name(), t.d.Name()))
		}
		if dev.Dialect().DefaultSchema() != t.d.DefaultSchema() {
			// On MySQL the default namespace is the URL's database, so the
			// shadow must stand for a database of the target's name.
			return fail(fmt.Errorf("--dev-url names database %q but the target is %q; name a database of the same name on the dev server",
				dev.Dialect().DefaultSchema(), t.d.DefaultSchema()))
		}
		shadowHost = dev
	}
	if t.desired, err = inspect.NormalizeWithShadow(ctx, shadowHost, desired); err != nil {
		return fail(err)
	}
	if c, ok := t.d.(creationOptions); ok {
		c.DropCreationOptions(t.current, t.desired)
	}
	return t, nil
}

// creationOptions is implemented by a dialect whose desired schema may hold
// options that take effect only when an object is created and that a live
// database does not report (MySQL's AUTO_INCREMENT start): they are dropped
// from the desired objects that exist already, so that they are not drift.
type creationOptions interface {
	DropCreationOptions(current, desired *schema.Schema)
}

// buildPlan diffs and plans current → desired.
func buildPlan(current, desired *schema.Schema, d dialects.Dialect, o *options, v dialects.Version, targetName string) (*planner.Plan, []schema.Change, error) {
	changes, err := planner.DiffFor(d, current, desired)
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
