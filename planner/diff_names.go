package planner

import (
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Names that differ only in case
//
// An engine may compare some names without regard to case (a dialect that
// implements dialects.NameFolder: on MySQL and MariaDB `Name` and `name` are
// one column, and ADD COLUMN name fails on a table that has Name). There a
// change of case alone is not a difference: the database keeps the spelling
// it has. DiffFor therefore first gives every desired table, column, index
// and constraint that matches a current one only through the dialect's
// folding the current spelling — in the desired schema itself, with every
// reference to it (key, index and foreign key columns, referenced tables and
// columns, expressions, rename hints) — and then diffs exactly. What Diff,
// Build and the dialect's recipes see afterwards differs only where
// something really changes, so every later lookup by name (recipes, Env,
// pre-flight checks, drift) can stay exact. Without a NameFolder (PostgreSQL)
// nothing is touched: names are compared exactly, as Diff does.

// DiffFor is Diff with dialect d's comparison of names: it first makes
// desired spell as current does every object whose name differs from a
// current one's only in what d folds (AdoptCurrentSpelling; desired is
// changed in place, so that the Build of the returned changes sees the same
// spelling), then diffs.
func DiffFor(d dialects.Dialect, current, desired *schema.Schema) ([]schema.Change, error) {
	AdoptCurrentSpelling(d, current, desired)
	return Diff(current, desired)
}

// AdoptCurrentSpelling rewrites desired in place so that each table, column,
// index and constraint whose name differs from that of its current
// counterpart only in what dialect d folds (dialects.NameFolder) is spelled
// as in current, with every reference to it (see the top of this file). A
// name that matches a current one exactly is never changed, nor one that
// another desired object of the same kind already spells the current way. It
// does nothing when d folds no names or either schema is nil.
func AdoptCurrentSpelling(d dialects.Dialect, current, desired *schema.Schema) {
	f, ok := d.(dialects.NameFolder)
	if !ok || current == nil || desired == nil {
		return
	}
	a := &adopter{fold: f.FoldName, cur: current, des: desired, columns: map[schema.QName]map[string]string{}}
	a.tables()
	for _, p := range a.pairs() {
		a.table(p.cur, p.des)
	}
	a.references()
}

// adopter carries out one AdoptCurrentSpelling.
type adopter struct {
	fold     func(dialects.NameKind, string) string
	cur, des *schema.Schema
	// tableNames maps the folded form of each desired table name that was
	// respelled to its current name.
	tableNames map[schema.QName]schema.QName
	// columns maps a desired table (final name) to the folded names of its
	// respelled columns and their current spelling.
	columns map[schema.QName]map[string]string
}

// foldQ folds a qualified table name.
func (a *adopter) foldQ(q schema.QName) schema.QName {
	return schema.QName{Schema: a.fold(dialects.NameTable, q.Schema), Name: a.fold(dialects.NameTable, q.Name)}
}

// tables respells desired tables (and rename hints naming current tables)
// that match a current table only through folding.
func (a *adopter) tables() {
	a.tableNames = map[schema.QName]schema.QName{}
	curExact := a.cur.TablesByName()
	curFolded := map[schema.QName]*schema.Table{}
	for _, t := range a.cur.Tables {
		if _, dup := curFolded[a.foldQ(t.QName())]; !dup {
			curFolded[a.foldQ(t.QName())] = t
		}
	}
	desExact := a.des.TablesByName()
	for _, t := range a.des.Tables {
		if curExact[t.QName()] != nil {
			continue
		}
		if ct := curFolded[a.foldQ(t.QName())]; ct != nil && desExact[ct.QName()] == nil {
			a.tableNames[a.foldQ(t.QName())] = ct.QName()
			t.Schema, t.Name = ct.Schema, ct.Name
		}
	}
	for _, t := range a.des.Tables {
		if t.RenamedFrom == "" {
			continue
		}
		old := schema.ParseQName(t.RenamedFrom, t.Schema)
		if curExact[old] != nil {
			continue
		}
		if ct := curFolded[a.foldQ(old)]; ct != nil && desExact[ct.QName()] == nil {
			if strings.Contains(t.RenamedFrom, ".") {
				t.RenamedFrom = ct.Schema + "." + ct.Name
			} else {
				t.RenamedFrom = ct.Name
			}
		}
	}
}

// tableNamePair is a desired table and the current table it stands for.
type tableNamePair struct{ cur, des *schema.Table }

// pairs returns the desired tables that stand for a current table: under
// its name, else through their rename hint.
func (a *adopter) pairs() []tableNamePair {
	curExact := a.cur.TablesByName()
	var out []tableNamePair
	for _, t := range a.des.Tables {
		ct := curExact[t.QName()]
		if ct == nil && t.RenamedFrom != "" {
			ct = curExact[schema.ParseQName(t.RenamedFrom, t.Schema)]
		}
		if ct != nil {
			out = append(out, tableNamePair{cur: ct, des: t})
		}
	}
	return out
}

// respell returns the current spelling of name among the current names
// curNames when it matches one only through folding and no desired name of
// the same kind (desNames) is spelled that way; ok is false otherwise.
func (a *adopter) respell(k dialects.NameKind, name string, curNames, desNames []string) (string, bool) {
	folded := a.fold(k, name)
	for _, c := range curNames {
		if c == name {
			return "", false
		}
	}
	for _, c := range curNames {
		if c != name && a.fold(k, c) == folded {
			for _, d := range desNames {
				if d == c {
					return "", false
				}
			}
			return c, true
		}
	}
	return "", false
}

// table respells the columns, indexes and constraints of desired table des
// after those of current table cur, and the references to its columns
// inside des.
func (a *adopter) table(cur, des *schema.Table) {
	curCols, desCols := columnNames(cur), columnNames(des)
	renamed := map[string]string{} // folded desired name → current spelling
	for _, c := range des.Columns {
		if n, ok := a.respell(dialects.NameColumn, c.Name, curCols, desCols); ok {
			renamed[a.fold(dialects.NameColumn, c.Name)] = n
			c.Name = n
		}
	}
	desCols = columnNames(des)
	for _, c := range des.Columns {
		if c.RenamedFrom == "" {
			continue
		}
		if n, ok := a.respell(dialects.NameColumn, c.RenamedFrom, curCols, desCols); ok {
			c.RenamedFrom = n
		}
	}
	if len(renamed) > 0 {
		a.columns[des.QName()] = renamed
		a.columnReferences(des, renamed)
	}
	a.objectNames(cur, des)
}

// columnNames lists a table's column names.
func columnNames(t *schema.Table) []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

// columnReferences respells, inside table t, the references to its columns
// that renamed respells (keyed by folded name).
func (a *adopter) columnReferences(t *schema.Table, renamed map[string]string) {
	cols := func(cs []string) {
		for i, c := range cs {
			if n, ok := renamed[a.fold(dialects.NameColumn, c)]; ok {
				cs[i] = n
			}
		}
	}
	expr := func(e string) string { return a.respellWords(e, renamed) }
	if t.PrimaryKey != nil {
		cols(t.PrimaryKey.Columns)
	}
	for _, u := range t.Uniques {
		cols(u.Columns)
	}
	for _, ix := range t.Indexes {
		for k := range ix.Parts {
			if ix.Parts[k].Column != "" {
				cs := []string{ix.Parts[k].Column}
				cols(cs)
				ix.Parts[k].Column = cs[0]
			}
			ix.Parts[k].Expr = expr(ix.Parts[k].Expr)
		}
		cols(ix.Include)
		ix.Where = expr(ix.Where)
	}
	for _, fk := range t.ForeignKeys {
		cols(fk.Columns)
	}
	for _, k := range t.Checks {
		k.Expr = expr(k.Expr)
	}
	for _, c := range t.Columns {
		c.Generated = expr(c.Generated)
	}
}

// respellWords respells the identifiers of an expression that renamed
// respells (keyed by folded name); words followed by "(" are function names
// and string literals are left alone.
func (a *adopter) respellWords(e string, renamed map[string]string) string {
	if e == "" {
		return e
	}
	var b strings.Builder
	last := 0
	words(e, func(start, end int) {
		n, ok := renamed[a.fold(dialects.NameColumn, e[start:end])]
		if !ok || n == e[start:end] || strings.HasPrefix(strings.TrimLeft(e[end:], " \t\n"), "(") {
			return
		}
		b.WriteString(e[last:start])
		b.WriteString(n)
		last = end
	})
	b.WriteString(e[last:])
	return b.String()
}

// objectNames respells the names of des's indexes and constraints after
// those of cur.
func (a *adopter) objectNames(cur, des *schema.Table) {
	names := func(n int, name func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = name(i)
		}
		return out
	}
	curIx := names(len(cur.Indexes), func(i int) string { return cur.Indexes[i].Name })
	desIx := names(len(des.Indexes), func(i int) string { return des.Indexes[i].Name })
	for _, ix := range des.Indexes {
		if n, ok := a.respell(dialects.NameIndex, ix.Name, curIx, desIx); ok {
			ix.Name = n
		}
	}
	curU := names(len(cur.Uniques), func(i int) string { return cur.Uniques[i].Name })
	desU := names(len(des.Uniques), func(i int) string { return des.Uniques[i].Name })
	for _, u := range des.Uniques {
		if n, ok := a.respell(dialects.NameConstraint, u.Name, curU, desU); ok {
			u.Name = n
		}
	}
	curK := names(len(cur.Checks), func(i int) string { return cur.Checks[i].Name })
	desK := names(len(des.Checks), func(i int) string { return des.Checks[i].Name })
	for _, k := range des.Checks {
		if n, ok := a.respell(dialects.NameConstraint, k.Name, curK, desK); ok {
			k.Name = n
		}
	}
	curF := names(len(cur.ForeignKeys), func(i int) string { return cur.ForeignKeys[i].Name })
	desF := names(len(des.ForeignKeys), func(i int) string { return des.ForeignKeys[i].Name })
	for _, fk := range des.ForeignKeys {
		if n, ok := a.respell(dialects.NameConstraint, fk.Name, curF, desF); ok {
			fk.Name = n
		}
	}
	if cp, dp := cur.PrimaryKey, des.PrimaryKey; cp != nil && dp != nil && dp.Name != cp.Name &&
		a.fold(dialects.NameConstraint, dp.Name) == a.fold(dialects.NameConstraint, cp.Name) {
		dp.Name = cp.Name
	}
}

// references respells what desired foreign keys and views say of the
// tables and columns respelled: referenced tables and columns, and the
// relations a view reads.
func (a *adopter) references() {
	table := func(q schema.QName) (schema.QName, bool) {
		n, ok := a.tableNames[a.foldQ(q)]
		return n, ok
	}
	for _, t := range a.des.Tables {
		for _, fk := range t.ForeignKeys {
			ref := fk.RefQName()
			if ref.Schema == "" {
				ref.Schema = t.Schema
			}
			if n, ok := table(ref); ok && n != ref {
				fk.RefTable = n.Name
				if fk.RefSchema != "" {
					fk.RefSchema = n.Schema
				}
				ref = n
			}
			if renamed := a.columns[ref]; renamed != nil {
				for i, c := range fk.RefColumns {
					if n, ok := renamed[a.fold(dialects.NameColumn, c)]; ok {
						fk.RefColumns[i] = n
					}
				}
			}
		}
	}
	for _, v := range a.des.Views {
		for i, q := range v.DependsOn {
			if n, ok := table(q); ok {
				v.DependsOn[i] = n
			}
		}
	}
}
