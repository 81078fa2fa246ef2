package inspect

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// NormalizeWithShadow returns the server's canonical form of a desired
// schema, which must be in the dialect's offline normal form
// (Dialect.Normalize, as loading files leaves it). For a dialect that is a FastNormalizer it creates in a shadow
// database only what needs the server (see normalizeFast); if that fails,
// or for other dialects, it loads the whole desired schema
// (NormalizeWholeShadow), whose errors name the failing statement.
func NormalizeWithShadow(ctx context.Context, db Database, desired *schema.Schema) (*schema.Schema, error) {
	if fn, ok := db.Dialect().(FastNormalizer); ok {
		if out, err := normalizeFast(ctx, db, desired, fn); err == nil {
			CopyHints(desired, out)
			return out, nil
		} else if ctx.Err() != nil {
			return nil, fmt.Errorf("normalise the desired schema: %w", err)
		}
	}
	return NormalizeWholeShadow(ctx, db, desired)
}

// NormalizeWholeShadow returns the server's canonical form of a desired
// schema: it creates a shadow database on db's server, runs the dialect's
// CreateSQL for the desired schema there statement by statement, inspects
// the shadow (no statistics, only the desired schema's namespaces and the
// dialect's default one), and drops the shadow again, always, even on error
// or panic. The desired-only hints (RenamedFrom, Rename, Backfill, Using)
// and source positions are then copied onto the result by name, so that the
// planner and error messages still see them.
func NormalizeWholeShadow(ctx context.Context, db Database, desired *schema.Schema) (normalized *schema.Schema, err error) {
	d := db.Dialect()
	stmts, err := d.CreateSQL(desired)
	if err != nil {
		return nil, fmt.Errorf("normalise the desired schema: render its DDL: %w", err)
	}
	shadow, drop, err := db.Shadow(ctx)
	if err != nil {
		return nil, fmt.Errorf("normalise the desired schema: %w", err)
	}
	defer func() {
		if dropErr := drop(context.WithoutCancel(ctx)); dropErr != nil && err == nil {
			normalized, err = nil, fmt.Errorf("normalise the desired schema: %w", dropErr)
		}
	}()
	// Statements go in chunks, one round trip each (a large schema has tens
	// of thousands); a failing chunk is rolled back as a whole and replayed
	// one statement at a time so that the error names its statement.
	const chunk = 200
	for start := 0; start < len(stmts); start += chunk {
		part := stmts[start:min(start+chunk, len(stmts))]
		if _, err := shadow.DB().ExecContext(ctx, strings.Join(part, ";\n")); err == nil {
			continue
		}
		for i, stmt := range part {
			if _, err := shadow.DB().ExecContext(ctx, stmt); err != nil {
				return nil, fmt.Errorf("normalise the desired schema: statement %d of %d, for %s, failed in shadow database %s: %v\n\t%s",
					start+i+1, len(stmts), objectOfStatement(d, desired, stmt), shadow.Target(), err, stmt)
			}
		}
	}
	normalized, err = shadow.Inspect(ctx, Options{Schemas: namespacesOf(desired, d.DefaultSchema()), NoStats: true})
	if err != nil {
		return nil, fmt.Errorf("normalise the desired schema: %w", err)
	}
	CopyHints(desired, normalized)
	return normalized, nil
}

// namespacesOf lists every namespace a schema declares or puts an object
// in, plus def, sorted.
func namespacesOf(s *schema.Schema, def string) []string {
	set := map[string]bool{def: true}
	for _, n := range s.Namespaces {
		set[n.Name] = true
	}
	for _, t := range s.Tables {
		set[t.Schema] = true
	}
	for _, e := range s.Enums {
		set[e.Schema] = true
	}
	for _, q := range s.Sequences {
		set[q.Schema] = true
	}
	for _, v := range s.Views {
		set[v.Schema] = true
	}
	delete(set, "")
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// describedObject is a desired object as an error message names it.
type describedObject struct {
	kind string
	q    schema.QName
	pos  schema.Pos
}

// objectOfStatement names the desired object a DDL statement creates or
// alters: the object whose quoted qualified name occurs first in it.
func objectOfStatement(d dialects.Dialect, s *schema.Schema, stmt string) string {
	var objs []describedObject
	for _, t := range s.Tables {
		objs = append(objs, describedObject{"table", t.QName(), t.Pos})
	}
	for _, v := range s.Views {
		objs = append(objs, describedObject{"view", v.QName(), v.Pos})
	}
	for _, e := range s.Enums {
		objs = append(objs, describedObject{"enum", e.QName(), e.Pos})
	}
	for _, q := range s.Sequences {
		objs = append(objs, describedObject{"sequence", q.QName(), q.Pos})
	}
	best, bestAt := "", -1
	for _, o := range objs {
		for _, spelling := range []string{d.QuoteIdent(o.q.Schema) + "." + d.QuoteIdent(o.q.Name), d.QuoteIdent(o.q.Name)} {
			at := strings.Index(stmt, spelling)
			if at >= 0 && (bestAt < 0 || at < bestAt) {
				best, bestAt = describe(o), at
			}
		}
	}
	for _, n := range s.Namespaces {
		if bestAt < 0 && strings.Contains(stmt, d.QuoteIdent(n.Name)) {
			best, bestAt = describe(describedObject{"schema", schema.QName{Name: n.Name}, n.Pos}), 0
		}
	}
	if best == "" {
		return "the desired schema"
	}
	return best
}

func describe(o describedObject) string {
	name := o.q.Name
	if o.q.Schema != "" {
		name = o.q.Schema + "." + name
	}
	out := fmt.Sprintf("%s %q", o.kind, name)
	if o.pos.File != "" {
		out += fmt.Sprintf(" (%s:%d:%d)", o.pos.File, o.pos.Line, o.pos.Column)
	}
	return out
}
