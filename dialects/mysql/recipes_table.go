package mysql

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Recipes for databases and tables.

func (r recipeContext) addNamespace(c schema.AddNamespace) dialects.Action {
	return dialects.Action{
		Phase:      dialects.PhaseExpand,
		Summary:    fmt.Sprintf("create database %s", c.N.Name),
		Statements: []string{"CREATE DATABASE " + quoteIdent(c.N.Name)},
		LockNote:   noteNewObject,
		Rollback:   []string{"DROP DATABASE " + quoteIdent(c.N.Name)},
	}
}

func (r recipeContext) dropNamespace(c schema.DropNamespace) dialects.Action {
	return dialects.Action{
		Phase:        dialects.PhaseContract,
		Summary:      fmt.Sprintf("drop database %s", c.N.Name),
		Statements:   []string{"DROP DATABASE " + quoteIdent(c.N.Name)},
		Lock:         LockExclusive,
		LockNote:     "on the database's tables, brief",
		Irreversible: true,
		Hazards: []dialects.Hazard{hazard(dialects.HazardDeletesData,
			fmt.Sprintf("DROP DATABASE drops every table left in %s with its data; cannot be undone", c.N.Name))},
	}
}

func (r recipeContext) addTable(c schema.AddTable) (dialects.Action, error) {
	create, err := r.d.CreateTableSQL(c.T)
	if err != nil {
		return dialects.Action{}, err
	}
	return dialects.Action{
		Phase:      dialects.PhaseExpand,
		Summary:    fmt.Sprintf("create table %s", c.T.QName()),
		Statements: []string{create},
		LockNote:   noteNewObject,
		Table:      tableRef(c.T),
		Rollback:   []string{"DROP TABLE " + r.d.qualified(c.T.QName())},
	}, nil
}

func (r recipeContext) dropTable(c schema.DropTable) dialects.Action {
	return dialects.Action{
		Phase:        dialects.PhaseContract,
		Summary:      fmt.Sprintf("drop table %s", c.T.QName()),
		Statements:   []string{"DROP TABLE " + r.d.qualified(c.T.QName())},
		Lock:         LockExclusive,
		LockNote:     "brief (waits for running statements on the table)",
		Irreversible: true,
		Hazards: []dialects.Hazard{hazard(dialects.HazardDeletesData,
			fmt.Sprintf("table %s and all its rows are deleted; cannot be undone", c.T.QName()))},
	}
}

// renameTable renames with RENAME TABLE, which is atomic and brief but
// breaks every client still using the old name.
func (r recipeContext) renameTable(c schema.RenameTable) dialects.Action {
	from, to := r.d.qualified(c.From.QName()), r.d.qualified(c.To.QName())
	return dialects.Action{
		Phase:      dialects.PhaseExpand,
		Summary:    fmt.Sprintf("rename table %s to %s", c.From.QName(), c.To.QName()),
		Statements: []string{"RENAME TABLE " + from + " TO " + to},
		Lock:       LockExclusive,
		LockNote:   noteInstant,
		Table:      tableRef(c.To),
		Hazards: []dialects.Hazard{hazard(dialects.HazardBreaksClients,
			fmt.Sprintf("clients still using the name %s fail from the moment the rename runs; deploy code that uses %s first", c.From.QName(), c.To.QName()))},
		Rollback: []string{"RENAME TABLE " + to + " TO " + from},
	}
}

// metadataAlgorithm is the algorithm of a change MariaDB makes instantly
// and MySQL in place without rebuilding (table and column comments, table
// default character set).
func (r recipeContext) metadataAlgorithm() algorithm {
	if r.mariaDB() {
		return algoInstant
	}
	return algoInplace
}

func (r recipeContext) setTableComment(c schema.SetTableComment) dialects.Action {
	t := c.To
	a := r.alterAction(dialects.PhaseExpand, t, r.metadataAlgorithm(), fmt.Sprintf("set the comment of table %s", t.QName()),
		[]string{"COMMENT = " + quoteLiteral(t.Comment)}, nil)
	a.Rollback = []string{r.alter(t, r.metadataAlgorithm(), "COMMENT = "+quoteLiteral(c.From.Comment))}
	a.LongRunning = false
	return a
}

// setTableAttrs changes table options: the engine (a COPY), the default
// character set and collation (metadata: existing columns keep theirs),
// ROW_FORMAT and KEY_BLOCK_SIZE (a rebuild, recipes_tableopts.go) and
// the AUTO_INCREMENT start, which only matters when a table is created and
// which a live table never reports, so a desired one is not applied to an
// existing table.
func (r recipeContext) setTableAttrs(c schema.SetTableAttrs) ([]dialects.Action, error) {
	from, to := c.From.Attrs, c.To.Attrs
	t := c.To
	var changed []string
	for _, k := range unionKeys(from, to) {
		if from[k] != to[k] && k != schema.AttrAutoIncrement {
			changed = append(changed, k)
		}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	var actions []dialects.Action
	if to[schema.AttrEngine] != from[schema.AttrEngine] {
		engine, err := r.effective(t, schema.AttrEngine, to)
		if err != nil {
			return nil, err
		}
		old, _ := r.effective(t, schema.AttrEngine, from)
		a := r.alterAction(dialects.PhaseExpand, t, algoCopy, fmt.Sprintf("change the engine of table %s to %s", t.QName(), engine),
			append([]string{"ENGINE = " + engine}, storageClauses(from, to)...), nil)
		if old != "" {
			a.Rollback = []string{r.alter(t, algoCopy, append([]string{"ENGINE = " + old}, storageClauses(to, from)...)...)}
		}
		actions = append(actions, a)
	}
	if to[schema.AttrCharset] != from[schema.AttrCharset] || to[schema.AttrCollate] != from[schema.AttrCollate] {
		clause, err := r.charsetClause(t, to)
		if err != nil {
			return nil, err
		}
		a := r.alterAction(dialects.PhaseExpand, t, r.metadataAlgorithm(),
			fmt.Sprintf("change the default character set and collation of table %s (existing columns keep theirs)", t.QName()),
			[]string{clause}, nil)
		if back, err := r.charsetClause(c.From, from); err == nil {
			a.Rollback = []string{r.alter(t, r.metadataAlgorithm(), back)}
		}
		a.LongRunning = false
		actions = append(actions, a)
	}
	actions = append(actions, r.setStorageOptions(c)...) // recipes_tableopts.go
	for _, k := range changed {
		switch k {
		case schema.AttrEngine, schema.AttrCharset, schema.AttrCollate, schema.AttrRowFormat, schema.AttrKeyBlockSize:
		default:
			return nil, fmt.Errorf("table %s: MySQL has no table option %q; remove it", t.QName(), k)
		}
	}
	return actions, nil
}

// effective returns a table option's value, or the server's default when
// the table does not set it.
func (r recipeContext) effective(t *schema.Table, key string, attrs map[string]string) (string, error) {
	if v := attrs[key]; v != "" {
		if !isPlainName(v) {
			return "", fmt.Errorf("table %s: %s %q is not a valid name", t.QName(), key, v)
		}
		return v, nil
	}
	srv := r.d.Server
	switch {
	case srv != nil && key == schema.AttrEngine && srv.Engine != "":
		return srv.Engine, nil
	case srv != nil && key == schema.AttrCharset && srv.Charset != "":
		return srv.Charset, nil
	case srv != nil && key == schema.AttrCollate && srv.Collation != "":
		return srv.Collation, nil
	}
	return "", fmt.Errorf("table %s: going back to the database's default %s needs the server's defaults; plan against the database (--url) or state the %s", t.QName(), key, key)
}

// charsetClause is DEFAULT CHARSET = … COLLATE = … for a table's options.
func (r recipeContext) charsetClause(t *schema.Table, attrs map[string]string) (string, error) {
	if attrs[schema.AttrCharset] == "" && attrs[schema.AttrCollate] != "" {
		if !isPlainName(attrs[schema.AttrCollate]) {
			return "", fmt.Errorf("table %s: collate %q is not a valid name", t.QName(), attrs[schema.AttrCollate])
		}
		return "COLLATE = " + attrs[schema.AttrCollate], nil
	}
	cs, err := r.effective(t, schema.AttrCharset, attrs)
	if err != nil {
		return "", err
	}
	clause := "DEFAULT CHARSET = " + cs
	if attrs[schema.AttrCharset] == "" || attrs[schema.AttrCollate] != "" {
		coll, err := r.effective(t, schema.AttrCollate, attrs)
		if err != nil {
			return "", err
		}
		clause += " COLLATE = " + coll
	}
	return clause, nil
}

// unionKeys lists the keys of two maps, sorted.
func unionKeys(a, b map[string]string) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range []map[string]string{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// columnList joins column names for messages.
func columnList(cols []string) string { return strings.Join(cols, ", ") }
