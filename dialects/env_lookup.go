package dialects

import "github.com/tidedb/tide/schema"

// envIndex holds an Env's name indexes, built on first use: recipes look up
// tables once or more per change, and Schema.Table is a linear search, so a
// plan of thousands of changes on a schema of thousands of tables would
// otherwise spend its time scanning table lists.
type envIndex struct {
	current, desired map[schema.QName]*schema.Table
	columnRenames    bool
}

// index returns e's indexes, building them the first time. The schemas
// must not gain or lose tables after an Env's first lookup (recipes only
// read them).
func (e *Env) index() *envIndex {
	e.lookupOnce.Do(func() {
		ix := &envIndex{}
		if e.Current != nil {
			ix.current = e.Current.TablesByName()
		}
		if e.Desired != nil {
			ix.desired = e.Desired.TablesByName()
		}
		ix.columnRenames = e.findColumnRename(ix)
		e.lookup = ix
	})
	return e.lookup
}

// CurrentTable returns the current definition of the table the desired
// state calls q, following RenamedTables to its current name; nil when the
// database has no such table (or Current is nil).
func (e *Env) CurrentTable(q schema.QName) *schema.Table {
	if old, ok := e.RenamedTables[q]; ok {
		q = old
	}
	return e.index().current[q]
}

// DesiredTable returns the desired definition of table q; nil when the
// desired state has none (or Desired is nil).
func (e *Env) DesiredTable(q schema.QName) *schema.Table {
	return e.index().desired[q]
}

// RenamesColumns reports whether the plan renames a column of an existing
// table: a desired column's RenamedFrom names a column the current table
// has while the desired name is not in it yet.
func (e *Env) RenamesColumns() bool {
	return e.index().columnRenames
}

// findColumnRename computes RenamesColumns from the indexes.
func (e *Env) findColumnRename(ix *envIndex) bool {
	if e.Desired == nil {
		return false
	}
	for _, t := range e.Desired.Tables {
		for _, c := range t.Columns {
			if c.RenamedFrom == "" {
				continue
			}
			q := t.QName()
			if old, ok := e.RenamedTables[q]; ok {
				q = old
			}
			if cur := ix.current[q]; cur != nil && cur.Column(c.Name) == nil && cur.Column(c.RenamedFrom) != nil {
				return true
			}
		}
	}
	return false
}
