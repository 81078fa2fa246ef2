package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/schema"
)

func runDrift(ctx context.Context, e *env, args []string) int {
	o := newFlags(e, "drift", "tide drift --url URL --to PATH [flags]",
		"Compares the database with the desired schema and lists every difference.\nExit codes: 0 no drift, 2 drift, 1 error.")
	o.database()
	o.desired()
	o.fs.StringVar(&o.format, "format", "text", "output format: text | json")
	if code, ok := o.parse(e, args); !ok {
		return code
	}
	t, err := openTarget(ctx, o)
	if err != nil {
		return fail(e, err)
	}
	defer t.db.Close()
	p, changes, err := buildPlan(t.current, t.desired, t.d, o, t.version, t.db.Target())
	if err != nil {
		return fail(e, err)
	}
	if o.format == "json" {
		type item struct{ Change, Object string }
		out := struct {
			Drift   bool   `json:"drift"`
			Target  string `json:"target"`
			Changes []item `json:"changes"`
		}{Drift: len(changes) > 0, Target: t.db.Target(), Changes: []item{}}
		for _, c := range changes {
			out.Changes = append(out.Changes, item{c.Kind(), c.Object()})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return fail(e, err)
		}
	} else if len(changes) == 0 {
		fmt.Fprintf(e.stdout, "No drift: %s matches the desired schema.\n", t.db.Target())
	} else {
		fmt.Fprintf(e.stdout, "Drift: %s differs from the desired schema in %d place(s):\n", t.db.Target(), len(changes))
		for _, c := range changes {
			fmt.Fprintf(e.stdout, "  %-20s %s\n", c.Kind(), c.Object())
		}
		fmt.Fprintf(e.stdout, "Run 'tide plan' to see the %d step(s) that would fix it.\n", p.Summary.Steps)
	}
	if len(changes) > 0 {
		return exitDrift
	}
	return exitOK
}

func runInspect(ctx context.Context, e *env, args []string) int {
	o := newFlags(e, "inspect", "tide inspect --url URL [--format hcl|sql|json]",
		"Writes the live schema in the desired-state language (hcl), as DDL (sql) or as the model (json).\nExit codes: 0 ok, 1 error.")
	o.database()
	o.fs.StringVar(&o.format, "format", "hcl", "output format: hcl | sql | json")
	if code, ok := o.parse(e, args); !ok {
		return code
	}
	if o.url == "" {
		return fail(e, fmt.Errorf("no database: pass --url (or set TIDE_URL)"))
	}
	db, err := inspect.Open(ctx, o.url)
	if err != nil {
		return fail(e, err)
	}
	defer db.Close()
	s, err := db.Inspect(ctx, o.inspectOptions(true))
	if err != nil {
		return fail(e, err)
	}
	switch o.format {
	case "hcl":
		_, err = e.stdout.Write(schema.EncodeHCL(s))
	case "sql":
		var stmts []string
		if stmts, err = db.Dialect().CreateSQL(s); err == nil {
			for _, st := range stmts {
				fmt.Fprintf(e.stdout, "%s;\n", st)
			}
		}
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(s)
	default:
		err = fmt.Errorf("unknown --format %q: use hcl, sql or json", o.format)
	}
	if err != nil {
		return fail(e, err)
	}
	return exitOK
}
