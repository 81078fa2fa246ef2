package mysql

import (
	"fmt"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// setStorageOptions changes a table's ROW_FORMAT and KEY_BLOCK_SIZE (see
// tableopts.go), which InnoDB does by rebuilding the table in place while
// reads and writes continue (ALGORITHM=INPLACE, LOCK=NONE; LOCK=SHARED
// when the table has a FULLTEXT index, as for every rebuild), even when
// the format in use stays the same; other engines copy the table. With an
// engine change the clauses go into that step's statement instead
// (setTableAttrs), since the server checks the options against the new
// engine: nil here.
func (r recipeContext) setStorageOptions(c schema.SetTableAttrs) []dialects.Action {
	if c.From.Attrs[schema.AttrEngine] != c.To.Attrs[schema.AttrEngine] {
		return nil
	}
	clauses := storageClauses(c.From.Attrs, c.To.Attrs)
	if len(clauses) == 0 {
		return nil
	}
	t := c.To
	q := t.QName()
	algo := r.rebuildAlgorithm(t)
	back := storageClauses(c.To.Attrs, c.From.Attrs)
	a := r.alterAction(dialects.PhaseExpand, t, algo,
		fmt.Sprintf("change the storage options of table %s to %s", q, storageDescription(c.To.Attrs)),
		clauses, []string{r.alter(t, algo, back...)})
	if a.Rewrites { // ALGORITHM=COPY: alterAction named the TABLE_COPY hazard
		return []dialects.Action{a}
	}
	a.Rewrites, a.Scans, a.LongRunning = true, true, true
	how := "reads and writes continue"
	if algo == algoInplaceShared {
		how = "writes wait, as the table has a FULLTEXT index"
	}
	a.Hazards = append(a.Hazards, hazard(dialects.HazardTableRewrite,
		fmt.Sprintf("changing ROW_FORMAT or KEY_BLOCK_SIZE rebuilds %s in place (%s), taking time and temporary disk space in proportion to the table, even when the format in use stays the same", q, how)))
	return []dialects.Action{a}
}
