package inspect

import "github.com/tidedb/tide/schema"

// CopyHints copies what only a desired schema carries (rename hints, rename
// strategy, backfill and USING expressions, source positions) from desired
// onto to, matching objects by qualified name, columns and constraints by
// name, and the primary key by table. Objects of to that desired does not
// have are left alone.
func CopyHints(desired, to *schema.Schema) {
	for _, n := range to.Namespaces {
		if dn := desired.Namespace(n.Name); dn != nil {
			n.Pos = dn.Pos
		}
	}
	byName := desired.TablesByName()
	for _, t := range to.Tables {
		if dt := byName[t.QName()]; dt != nil {
			copyTableHints(dt, t)
		}
	}
	for _, e := range to.Enums {
		if de := desired.Enum(e.QName()); de != nil {
			e.Pos = de.Pos
		}
	}
	for _, q := range to.Sequences {
		if dq := desired.Sequence(q.QName()); dq != nil {
			q.Pos = dq.Pos
		}
	}
	for _, v := range to.Views {
		if dv := desired.View(v.QName()); dv != nil {
			v.Pos = dv.Pos
		}
	}
}

// copyTableHints copies one table's hints and positions.
func copyTableHints(from, to *schema.Table) {
	to.RenamedFrom, to.Rename, to.Pos = from.RenamedFrom, from.Rename, from.Pos
	for _, c := range to.Columns {
		if dc := from.Column(c.Name); dc != nil {
			c.RenamedFrom, c.Backfill, c.Using, c.Pos = dc.RenamedFrom, dc.Backfill, dc.Using, dc.Pos
		}
	}
	if to.PrimaryKey != nil && from.PrimaryKey != nil {
		to.PrimaryKey.Pos = from.PrimaryKey.Pos
	}
	for _, u := range to.Uniques {
		for _, du := range from.Uniques {
			if du.Name == u.Name {
				u.Pos = du.Pos
			}
		}
	}
	for _, k := range to.Checks {
		for _, dk := range from.Checks {
			if dk.Name == k.Name {
				k.Pos = dk.Pos
			}
		}
	}
	for _, f := range to.ForeignKeys {
		for _, df := range from.ForeignKeys {
			if df.Name == f.Name {
				f.Pos = df.Pos
			}
		}
	}
	for _, i := range to.Indexes {
		if di := from.Index(i.Name); di != nil {
			i.Pos = di.Pos
		}
	}
}
