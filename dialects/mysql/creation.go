package mysql

import (
	"strings"

	"github.com/tidedb/tide/schema"
)

// DropCreationOptions removes the AUTO_INCREMENT start from the desired
// tables that exist in current (under their name or the one they are
// renamed from): it only applies when a table is created, and a live
// table's counter, which moves with every insert, is never reported, so
// it must not be drift.
func (Dialect) DropCreationOptions(current, desired *schema.Schema) {
	if current == nil || desired == nil {
		return
	}
	for _, t := range desired.Tables {
		if _, ok := t.Attrs[schema.AttrAutoIncrement]; !ok {
			continue
		}
		exists := current.Table(t.QName()) != nil
		if t.RenamedFrom != "" {
			old := schema.QName{Schema: t.Schema, Name: t.RenamedFrom}
			if i := strings.IndexByte(t.RenamedFrom, '.'); i >= 0 {
				old = schema.QName{Schema: t.RenamedFrom[:i], Name: t.RenamedFrom[i+1:]}
			}
			exists = exists || current.Table(old) != nil
		}
		if exists {
			delete(t.Attrs, schema.AttrAutoIncrement)
			if len(t.Attrs) == 0 {
				t.Attrs = nil
			}
		}
	}
}
