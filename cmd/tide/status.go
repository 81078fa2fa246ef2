package main

import (
	"context"
	"fmt"

	"github.com/tidedb/tide/apply"
	"github.com/tidedb/tide/inspect"
)

func runStatus(ctx context.Context, e *env, args []string) int {
	o := newFlags(e, "status", "tide status --url URL [--limit N]",
		"Lists the applies and rollbacks recorded in the database's tide schema, latest first, with their\n"+
			"steps, how far an interrupted backfill got, and how the records link: the apply a run resumes\n"+
			"(and who resumed it), the expand apply whose contract phase it runs, the applies a rollback\n"+
			"undoes (and who rolled an apply back).\nExit codes: 0 ok, 1 error.")
	o.fs.StringVar(&o.url, "url", "", "database URL, e.g. postgres://user:pass@host:5432/db (default $TIDE_URL)")
	limit := o.fs.Int("limit", 10, "how many applies to list")
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
	recs, err := apply.History(ctx, db, *limit)
	if err != nil {
		return fail(e, err)
	}
	apply.WriteStatus(e.stdout, db.Target(), recs)
	return exitOK
}
