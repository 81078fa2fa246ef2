package inspect

import (
	"context"
	"fmt"
	"strings"

	"github.com/tidedb/tide/schema"
)

// FastNormalizer is implemented by a dialect whose offline normal form
// (Dialect.Normalize) equals the server's for everything but expressions
// and view definitions. NormalizeWithShadow then creates only what needs the
// server in the shadow database — scratch tables holding each distinct
// expression once, the views with the tables they read, and the tables
// NeedsShadow names — instead of the whole desired schema, which at 10,000
// tables is the difference between seconds and minutes.
type FastNormalizer interface {
	// NeedsShadow reports whether desired table t must be created whole in
	// the shadow database because the server turns it into more than its
	// offline form with canonical expressions (PostgreSQL: a serial column
	// becomes a sequence and a default).
	NeedsShadow(t *schema.Table) bool
	// Identifiers returns every identifier that expression expr may
	// reference, folded as the engine folds unquoted names. It may return
	// more names than the expression reads, never fewer.
	Identifiers(expr string) []string
}

// NormalizeFast is NormalizeWithShadow's fast path alone, without the
// fallback; it fails for a dialect that is not a FastNormalizer.
func NormalizeFast(ctx context.Context, db Database, desired *schema.Schema) (*schema.Schema, error) {
	fn, ok := db.Dialect().(FastNormalizer)
	if !ok {
		return nil, fmt.Errorf("the %s dialect has no fast normalisation", db.Dialect().Name())
	}
	out, err := normalizeFast(ctx, db, desired, fn)
	if err != nil {
		return nil, err
	}
	CopyHints(desired, out)
	return out, nil
}

// normalizeFast is NormalizeWithShadow for a FastNormalizer dialect. Any
// error sends the caller to the full path, whose error messages name the
// failing statement.
func normalizeFast(ctx context.Context, db Database, desired *schema.Schema, fn FastNormalizer) (*schema.Schema, error) {
	d := db.Dialect()
	work := desired.Clone()
	ns := scratchNamespace(work)
	canon := newCanonicalizer(ns, fn.Identifiers)
	whole := wholeTables(work, fn)
	sub := &schema.Schema{Dialect: work.Dialect, Enums: work.Enums, Sequences: work.Sequences, Views: work.Views}
	sub.Namespaces = append(append(sub.Namespaces, work.Namespaces...), &schema.Namespace{Name: ns})
	var rewritten []*schema.Table
	for _, t := range work.Tables {
		switch mode := whole[t.QName()]; {
		case mode == loadWithKeys:
			sub.Tables = append(sub.Tables, t)
			continue
		case mode == loadWithoutKeys:
			dep := t.Clone()
			dep.ForeignKeys = nil
			sub.Tables = append(sub.Tables, dep)
		}
		canon.add(t)
		rewritten = append(rewritten, t)
	}
	sub.Tables = append(sub.Tables, canon.scratchTables()...)
	stmts, err := d.CreateSQL(sub)
	if err != nil {
		return nil, err
	}
	shadow, drop, err := db.Shadow(ctx)
	if err != nil {
		return nil, err
	}
	defer func() { _ = drop(context.WithoutCancel(ctx)) }()
	const chunk = 200
	for start := 0; start < len(stmts); start += chunk {
		part := stmts[start:min(start+chunk, len(stmts))]
		if _, err := shadow.DB().ExecContext(ctx, strings.Join(part, ";\n")); err != nil {
			return nil, err
		}
	}
	got, err := shadow.Inspect(ctx, Options{Schemas: namespacesOf(sub, d.DefaultSchema()), NoStats: true})
	if err != nil {
		return nil, err
	}
	lookup := newScratchLookup(got, ns)
	for _, t := range rewritten {
		if err := canon.rewrite(t, lookup); err != nil {
			return nil, err
		}
	}
	return assembleFast(work, got, ns, whole), nil
}

// loadMode says how a desired table goes into the fast shadow.
type loadMode int

const (
	notLoaded       loadMode = iota
	loadWithKeys             // whole, and its normal form is read back from the shadow
	loadWithoutKeys          // without foreign keys, only for a view or a key to read
)

// wholeTables picks the tables the fast shadow creates: those the dialect
// needs whole (with their foreign keys), and, without foreign keys, the
// tables they reference, the tables views may read and the owners of
// sequences.
func wholeTables(s *schema.Schema, fn FastNormalizer) map[schema.QName]loadMode {
	out := map[schema.QName]loadMode{}
	byName := map[string][]*schema.Table{}
	for _, t := range s.Tables {
		byName[strings.ToLower(t.Name)] = append(byName[strings.ToLower(t.Name)], t)
	}
	dep := func(q schema.QName) {
		if out[q] == notLoaded && s.Table(q) != nil {
			out[q] = loadWithoutKeys
		}
	}
	for _, t := range s.Tables {
		if fn.NeedsShadow(t) {
			out[t.QName()] = loadWithKeys
		}
	}
	for _, t := range s.Tables {
		if out[t.QName()] != loadWithKeys {
			continue
		}
		for _, fk := range t.ForeignKeys {
			dep(fk.RefQName())
		}
	}
	for _, v := range s.Views {
		for _, q := range v.DependsOn {
			dep(q)
		}
		for _, id := range fn.Identifiers(v.Def) {
			for _, t := range byName[strings.ToLower(id)] {
				dep(t.QName())
			}
		}
	}
	for _, q := range s.Sequences {
		if q.OwnedBy == "" {
			continue
		}
		owner := q.OwnedBy[:max(strings.LastIndexByte(q.OwnedBy, '.'), 0)]
		dep(schema.ParseQName(owner, q.Schema))
	}
	return out
}

// assembleFast builds the normal form: namespaces, enums, sequences and
// views as the shadow has them, the whole tables as the shadow has them,
// every other table as its offline form with the server's expressions.
func assembleFast(work, got *schema.Schema, ns string, whole map[schema.QName]loadMode) *schema.Schema {
	out := &schema.Schema{Dialect: work.Dialect, Enums: got.Enums, Sequences: got.Sequences, Views: got.Views}
	for _, n := range got.Namespaces {
		if n.Name != ns {
			out.Namespaces = append(out.Namespaces, n)
		}
	}
	for _, t := range work.Tables {
		if whole[t.QName()] == loadWithKeys {
			if gt := got.Table(t.QName()); gt != nil {
				out.Tables = append(out.Tables, gt)
				continue
			}
		}
		t.Pos = schema.Pos{}
		out.Tables = append(out.Tables, t)
	}
	return out
}

// scratchNamespace names the namespace of the scratch tables: one the
// desired schema does not use.
func scratchNamespace(s *schema.Schema) string {
	used := map[string]bool{}
	for _, n := range namespacesOf(s, "") {
		used[n] = true
	}
	name := "tide_canon"
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("tide_canon_%d", i)
	}
	return name
}
