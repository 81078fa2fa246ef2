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

// ScratchPolicy is implemented by a FastNormalizer whose server spells more
// than expressions, or spells them depending on more than the types of the
// columns involved (MySQL: a column's character set, collation and default
// depend on its table's character set; the server shortens a key prefix
// that covers the whole column and turns a long unique key into a HASH
// one). The scratch tables then reproduce that context, and the server's
// spelling of each column's type and attributes is written back too.
type ScratchPolicy interface {
	// ScratchInDefaultNamespace reports whether the scratch tables go into
	// the dialect's default namespace, under names no desired table or
	// column starts with, instead of a namespace of their own: for a
	// dialect whose shadow database is one namespace (MySQL).
	ScratchInDefaultNamespace() bool
	// ScratchTableAttrs returns the attributes of desired table t that a
	// scratch table holding t's columns and expressions must have too
	// (MySQL: character set, collation, engine).
	ScratchTableAttrs(t *schema.Table) map[string]string
	// ScratchColumn returns the definition of a scratch column standing for
	// column c: a new column with what the server's spelling of c depends
	// on (type, collation, nullability, attributes), never its name,
	// comment or identity; its default and generated expression are set by
	// the caller.
	ScratchColumn(c *schema.Column) *schema.Column
	// IndexNeedsServer reports whether the server may spell index ix of
	// desired table t other than its offline form; such an index is created
	// in a scratch table with the columns it reads and read back whole.
	IndexNeedsServer(t *schema.Table, ix *schema.Index) bool
	// ScratchFits reports whether the server can create scratch table t
	// (column, index and row size limits).
	ScratchFits(t *schema.Table) bool
}

// IndexSpeller is implemented by a FastNormalizer without a ScratchPolicy
// whose server may still spell some indexes other than their offline form
// (PostgreSQL: an explicit operator class that is the default for the key's
// type is dropped, which only the server knows for every type and
// extension). Such an index is created whole in a scratch table with the
// columns it reads and read back whole, as for a ScratchPolicy.
type IndexSpeller interface {
	// IndexNeedsServer reports whether the server may spell index ix of
	// desired table t other than its offline form.
	IndexNeedsServer(t *schema.Table, ix *schema.Index) bool
}

// scratchPolicy is a dialect's ScratchPolicy, or the default for a dialect
// without one: scratch tables in a namespace of their own, a scratch column
// is the column's type and collation, indexes are read back only for their
// expressions (or whole, as an IndexSpeller says), up to
// maxSlotsPerScratch slots per scratch table.
type scratchPolicy struct {
	shared           bool
	copyBack         bool
	tableAttrs       func(*schema.Table) map[string]string
	column           func(*schema.Column) *schema.Column
	indexNeedsServer func(*schema.Table, *schema.Index) bool
	fits             func(t *schema.Table, slots int) bool
}

// maxSlotsPerScratch keeps scratch tables well under PostgreSQL's 1,600
// columns, for a dialect without a ScratchPolicy.
const maxSlotsPerScratch = 500

func policyOf(fn FastNormalizer) scratchPolicy {
	if p, ok := fn.(ScratchPolicy); ok {
		return scratchPolicy{
			shared:           p.ScratchInDefaultNamespace(),
			copyBack:         true,
			tableAttrs:       p.ScratchTableAttrs,
			column:           p.ScratchColumn,
			indexNeedsServer: p.IndexNeedsServer,
			fits:             func(t *schema.Table, _ int) bool { return p.ScratchFits(t) },
		}
	}
	p := scratchPolicy{
		tableAttrs: func(*schema.Table) map[string]string { return nil },
		column: func(c *schema.Column) *schema.Column {
			return &schema.Column{Type: c.Type, Collation: c.Collation, Nullable: true}
		},
		indexNeedsServer: func(*schema.Table, *schema.Index) bool { return false },
		fits:             func(_ *schema.Table, slots int) bool { return slots <= maxSlotsPerScratch },
	}
	if s, ok := fn.(IndexSpeller); ok {
		p.indexNeedsServer = s.IndexNeedsServer
	}
	return p
}

// normalizeFast is NormalizeWithShadow for a FastNormalizer dialect. Any
// error sends the caller to the full path, whose error messages name the
// failing statement.
func normalizeFast(ctx context.Context, db Database, desired *schema.Schema, fn FastNormalizer) (*schema.Schema, error) {
	d := db.Dialect()
	work := desired.Clone()
	policy := policyOf(fn)
	ns := scratchNamespace(work)
	if policy.shared {
		ns = d.DefaultSchema()
	}
	prefix := scratchPrefix(work)
	canon := newCanonicalizer(ns, prefix, fn.Identifiers, policy)
	whole := wholeTables(work, fn)
	sub := &schema.Schema{Dialect: work.Dialect, Enums: work.Enums, Sequences: work.Sequences, Views: work.Views}
	sub.Namespaces = append(sub.Namespaces, work.Namespaces...)
	if !policy.shared {
		sub.Namespaces = append(sub.Namespaces, &schema.Namespace{Name: ns})
	}
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
	if err := execChunks(ctx, shadow, stmts); err != nil {
		return nil, err
	}
	got, err := shadow.Inspect(ctx, Options{Schemas: namespacesOf(sub, d.DefaultSchema()), NoStats: true})
	if err != nil {
		return nil, err
	}
	lookup := newScratchLookup(got, ns, prefix)
	for _, t := range rewritten {
		if err := canon.rewrite(t, lookup); err != nil {
			return nil, err
		}
	}
	out := assembleFast(work, got, whole)
	if !policy.shared {
		out.Namespaces = withoutNamespace(out.Namespaces, ns)
	}
	return out, nil
}

// execChunks runs statements in chunks of 200, one round trip each; a
// chunk that fails (or a pool that runs one statement per round trip) is
// run again statement by statement. A failing chunk has changed nothing:
// PostgreSQL runs it as one transaction, MySQL refuses several statements
// in one round trip before running any.
func execChunks(ctx context.Context, shadow Database, stmts []string) error {
	const chunk = 200
	for start := 0; start < len(stmts); start += chunk {
		part := stmts[start:min(start+chunk, len(stmts))]
		if _, err := shadow.DB().ExecContext(ctx, strings.Join(part, ";\n")); err == nil {
			continue
		} else if len(part) == 1 {
			return err
		}
		for _, stmt := range part {
			if _, err := shadow.DB().ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
	}
	return nil
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

// assembleFast builds the normal form: namespaces (the scratch namespace
// is removed by the caller), enums, sequences and views as the shadow has them, the whole tables as the shadow has them,
// every other table as its offline form with the server's expressions.
func assembleFast(work, got *schema.Schema, whole map[schema.QName]loadMode) *schema.Schema {
	out := &schema.Schema{Dialect: work.Dialect, Namespaces: got.Namespaces, Enums: got.Enums, Sequences: got.Sequences, Views: got.Views}
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

// withoutNamespace returns ns without the namespace named name.
func withoutNamespace(ns []*schema.Namespace, name string) []*schema.Namespace {
	var out []*schema.Namespace
	for _, n := range ns {
		if n.Name != name {
			out = append(out, n)
		}
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
