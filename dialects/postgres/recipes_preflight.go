package postgres

import (
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Pre-flight checks run before the plan's first step, so they must name the
// tables and columns as they are then: a recipe builds a step's checks
// against the desired names, and currentPreflights translates them back for
// the tables and columns the plan renames.

// currentPreflights rewrites the pre-flight checks of actions in place so
// that they name renamed tables and columns by their current names:
//
//   - every table the plan renames (Env.RenamedTables), wherever the check
//     names it ("schema"."table", as the recipes quote it);
//   - the renamed columns of the action's table: in a foreign-key check
//     only its own side (c."col", as foreignKeyPreflight writes it) and the
//     referenced side (p."col") of the table it references; in any other
//     check every whole-word use of the new name.
//
// A check that names a column the plan adds is left as it is: it cannot run
// before the plan, so the executor runs it just before its step, when the
// desired names are the right ones.
func (r recipeContext) currentPreflights(actions []dialects.Action) {
	if len(r.env.RenamedTables) == 0 && !r.anyColumnRenamed() {
		return
	}
	for i := range actions {
		a := &actions[i]
		if a.Table == nil || len(a.Preflight) == 0 {
			continue
		}
		for k := range a.Preflight {
			pf := &a.Preflight[k]
			if r.namesAddedColumn(*a.Table, pf.SQL) {
				continue
			}
			pf.SQL = r.currentNamesIn(*a.Table, pf.Kind, pf.SQL)
			if pf.SampleSQL != "" {
				pf.SampleSQL = r.currentNamesIn(*a.Table, pf.Kind, pf.SampleSQL)
			}
		}
	}
}

// currentNamesIn translates one check's SQL (see currentPreflights); q is
// the desired name of the action's table.
func (r recipeContext) currentNamesIn(q schema.QName, kind, sql string) string {
	for des, cur := range r.env.RenamedTables {
		sql = strings.ReplaceAll(sql, qualified(des), qualified(cur))
	}
	own := r.columnRenames(q)
	if kind != "foreign_key" {
		for newName, oldName := range own {
			sql = renameInExpr(sql, newName, oldName)
		}
		return sql
	}
	for newName, oldName := range own {
		sql = strings.ReplaceAll(sql, "c."+quoteIdent(newName), "c."+quoteIdent(oldName))
	}
	if des := r.desiredTable(&schema.Table{Schema: q.Schema, Name: q.Name}); des != nil {
		for _, fk := range des.ForeignKeys {
			ref := fk.RefQName()
			if ref.Schema == "" {
				ref.Schema = q.Schema
			}
			if !strings.Contains(sql, "FROM "+qualified(r.currentName(ref))+" AS p ") {
				continue
			}
			for newName, oldName := range r.columnRenames(ref) {
				sql = strings.ReplaceAll(sql, "p."+quoteIdent(newName), "p."+quoteIdent(oldName))
			}
		}
	}
	return sql
}

// currentName is the current name of the table the desired state calls q.
func (r recipeContext) currentName(q schema.QName) schema.QName {
	if old, ok := r.env.RenamedTables[q]; ok {
		return old
	}
	return q
}

// columnRenames maps the new names of the columns the plan renames in the
// table the desired state calls q to their current names: a desired column
// whose renamed_from names a current column while its own name is not a
// current column (as the planner matches them).
func (r recipeContext) columnRenames(q schema.QName) map[string]string {
	des := r.desiredTable(&schema.Table{Schema: q.Schema, Name: q.Name})
	cur := r.currentTable(&schema.Table{Schema: q.Schema, Name: q.Name})
	if des == nil || cur == nil {
		return nil
	}
	out := map[string]string{}
	for _, c := range des.Columns {
		if c.RenamedFrom != "" && cur.Column(c.Name) == nil && cur.Column(c.RenamedFrom) != nil {
			out[c.Name] = c.RenamedFrom
		}
	}
	return out
}

// anyColumnRenamed reports whether the plan renames a column of an
// existing table.
func (r recipeContext) anyColumnRenamed() bool {
	return r.env.RenamesColumns()
}

// namesAddedColumn reports whether sql names (as a whole word) a column
// that the plan adds to the table the desired state calls q.
func (r recipeContext) namesAddedColumn(q schema.QName, sql string) bool {
	des := r.desiredTable(&schema.Table{Schema: q.Schema, Name: q.Name})
	cur := r.currentTable(&schema.Table{Schema: q.Schema, Name: q.Name})
	if des == nil || cur == nil {
		return false
	}
	renamed := r.columnRenames(q)
	for _, c := range des.Columns {
		if cur.Column(c.Name) == nil && renamed[c.Name] == "" && mentions(sql, c.Name) {
			return true
		}
	}
	return false
}
