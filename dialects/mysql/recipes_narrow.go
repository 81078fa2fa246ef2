package mysql

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Type changes that may not keep every value. Apply's sessions are strict
// (SessionSettings adds STRICT_ALL_TABLES), so the table copy fails on the
// first value the new type cannot hold rather than truncating it; the
// pre-flight checks count (and sample) such rows before the plan starts,
// so that it does not fail half-way after earlier steps committed.

// membersChange is the algorithm, hazards and pre-flight checks of an
// ENUM or SET column's members changing (kind "enum" or "set"):
//
//   - members appended at the end without growing the storage: INSTANT;
//   - appended, growing the storage: COPY, nothing else changes;
//   - inserted before the end or reordered, none removed: COPY, and every
//     value keeps its text, but the members' numbers change, which ORDER BY
//     and numeric uses of the column see (BREAKS_CLIENTS);
//   - removed (a renamed member is a removal and an addition): COPY,
//     DELETES_DATA (the member is gone, so --allow-data-loss), failing on a
//     row that holds it (VALIDATION_MAY_FAIL) — the pre-flight check counts
//     those rows and shows up to 5 of them.
func (r recipeContext) membersChange(t *schema.Table, from, to *schema.Column, kind string) (algorithm, []dialects.Hazard, []dialects.Preflight) {
	q := t.QName()
	fm, ok1 := members(from.Type)
	tm, ok2 := members(to.Type)
	if !ok1 || !ok2 {
		return algoCopy, []dialects.Hazard{hazard(dialects.HazardValidationMayFail,
			fmt.Sprintf("%s.%s changes type from %s to %s: the copy fails on a value the new type cannot hold", q, to.Name, from.Type, to.Type))}, nil
	}
	if appended(fm, tm) {
		if storageSize(kind, len(fm)) == storageSize(kind, len(tm)) {
			return algoInstant, nil, nil
		}
		return algoCopy, nil, nil
	}
	var removed []string
	for _, m := range fm {
		if !slices.ContainsFunc(tm, func(n string) bool { return strings.EqualFold(m, n) }) {
			removed = append(removed, m)
		}
	}
	if len(removed) == 0 {
		return algoCopy, []dialects.Hazard{hazard(dialects.HazardBreaksClients, fmt.Sprintf(
			"%s.%s: members are inserted before the end or reordered, so the table is copied; every value keeps its text (nothing is lost), "+
				"but the members' numbers change, and ORDER BY %s and its numeric uses (%s+0, comparisons with numbers) follow the new order",
			q, to.Name, to.Name, to.Name))}, nil
	}
	list := quotedList(removed)
	return algoCopy, []dialects.Hazard{
			hazard(dialects.HazardDeletesData, fmt.Sprintf(
				"%s.%s loses the %s member(s) %s: a value holding one cannot be kept (to MySQL a renamed member is a removal and an addition, "+
					"so rows are not carried over to the new name); update the rows that hold %s to a member the new type keeps first",
				q, to.Name, strings.ToUpper(kind), list, list)),
			hazard(dialects.HazardValidationMayFail, fmt.Sprintf(
				"the copy fails (error 1265) on the first row of %s whose %s holds %s — apply's sessions are strict, so none is silently emptied; "+
					"the pre-flight check counts them", q, to.Name, list)),
		}, []dialects.Preflight{r.valuesPreflight(t, to.Name, kind,
			fmt.Sprintf("rows of %s whose %s holds a removed member (%s)", q, to.Name, list), removedCondition(kind, to.Name, removed))}
}

// removedCondition is the SQL condition of a row whose ENUM or SET column
// col holds one of the members removed.
func removedCondition(kind, col string, removed []string) string {
	if kind == "enum" {
		var lits []string
		for _, m := range removed {
			lits = append(lits, quoteLiteral(m))
		}
		return quoteIdent(col) + " IN (" + strings.Join(lits, ", ") + ")"
	}
	var parts []string
	for _, m := range removed {
		parts = append(parts, "FIND_IN_SET("+quoteLiteral(m)+", "+quoteIdent(col)+") > 0")
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// quotedList writes members as 'a', 'b'.
func quotedList(ms []string) string {
	var out []string
	for _, m := range ms {
		out = append(out, quoteLiteral(m))
	}
	return strings.Join(out, ", ")
}

// valuesPreflight is a pre-flight check counting the rows of t where cond
// holds for column col; its sample shows up to 5 of them by their key
// (see backfillKey) — or, on a table without one, by all their columns —
// and the column itself.
func (r recipeContext) valuesPreflight(t *schema.Table, col, kind, description, cond string) dialects.Preflight {
	from := r.d.qualified(t.QName())
	where := " WHERE " + cond
	cols := r.sampleColumns(t, col)
	return dialects.Preflight{
		Kind:        kind,
		Description: description,
		SQL:         "SELECT count(*) FROM " + from + where,
		SampleSQL:   "SELECT " + quoteIdents(cols) + " FROM " + from + where + " LIMIT 5",
	}
}

// Integer types' ranges, as decimal strings.
var intRanges = map[string][2]string{
	"tinyint":            {"-128", "127"},
	"tinyint unsigned":   {"0", "255"},
	"smallint":           {"-32768", "32767"},
	"smallint unsigned":  {"0", "65535"},
	"mediumint":          {"-8388608", "8388607"},
	"mediumint unsigned": {"0", "16777215"},
	"int":                {"-2147483648", "2147483647"},
	"int unsigned":       {"0", "4294967295"},
	"bigint":             {"-9223372036854775808", "9223372036854775807"},
	"bigint unsigned":    {"0", "18446744073709551615"},
}

// intRange returns an integer type's range ("int(11) unsigned" is
// "int unsigned").
func intRange(typ string) (lo, hi *big.Int, ok bool) {
	base, _ := typeBase(typ)
	key := base
	if strings.Contains(strings.ToLower(typ), "unsigned") {
		key += " unsigned"
	}
	r, ok := intRanges[key]
	if !ok {
		return nil, nil, false
	}
	lo, _ = new(big.Int).SetString(r[0], 10)
	hi, _ = new(big.Int).SetString(r[1], 10)
	return lo, hi, true
}

// Character and binary string types, and the longest value in bytes of
// the types without a length.
var (
	charTypes   = map[string]bool{"char": true, "varchar": true, "tinytext": true, "text": true, "mediumtext": true, "longtext": true}
	binaryTypes = map[string]bool{"binary": true, "varbinary": true, "tinyblob": true, "blob": true, "mediumblob": true, "longblob": true}
	lobBytes    = map[string]int64{"tinytext": 255, "text": 65535, "mediumtext": 16777215, "longtext": 4294967295,
		"tinyblob": 255, "blob": 65535, "mediumblob": 16777215, "longblob": 4294967295}
)

// widening reports whether every value of type from fits type to unchanged:
// an integer type whose range holds the old one, a longer string of the
// same family (character or binary, CHAR to VARCHAR or TEXT), DECIMAL with
// at least as many digits on both sides of the point, FLOAT to DOUBLE.
func widening(from, to string) bool {
	fb, fa := typeBase(from)
	tb, ta := typeBase(to)
	if flo, fhi, ok := intRange(from); ok {
		tlo, thi, ok := intRange(to)
		return ok && tlo.Cmp(flo) <= 0 && thi.Cmp(fhi) >= 0
	}
	switch {
	case charTypes[fb] && charTypes[tb], binaryTypes[fb] && binaryTypes[tb]:
		if fb == "char" && tb == "char" || fb == "binary" && tb == "binary" || fb == "varchar" && tb == "varchar" || fb == "varbinary" && tb == "varbinary" ||
			(fb == "char" && tb == "varchar") || (fb == "binary" && tb == "varbinary") {
			return len(fa) == 1 && len(ta) == 1 && ta[0] >= fa[0]
		}
		if n, ok := lobBytes[tb]; ok {
			if m, ok := lobBytes[fb]; ok {
				return n >= m
			}
			return n >= 65535 // a CHAR/VARCHAR/BINARY/VARBINARY never holds more
		}
	case fb == "decimal" && tb == "decimal" && len(fa) == 2 && len(ta) == 2:
		return ta[0]-ta[1] >= fa[0]-fa[1] && ta[1] >= fa[1]
	case fb == "float" && tb == "double":
		return true
	}
	return false
}

// narrowingCondition is the SQL condition of a row whose column col, of
// type from, does not fit type to: a character string longer than the new
// length (in characters, or bytes for the TEXT types), a binary string
// longer than the new length, an integer out of the new range. ok is false
// when tide cannot tell (any other conversion).
func narrowingCondition(col, from, to string) (string, bool) {
	fb, _ := typeBase(from)
	tb, ta := typeBase(to)
	c := quoteIdent(col)
	switch {
	case charTypes[fb] && (tb == "char" || tb == "varchar") && len(ta) == 1:
		return fmt.Sprintf("CHAR_LENGTH(%s) > %d", c, ta[0]), true
	case charTypes[fb] && lobBytes[tb] > 0 && charTypes[tb], binaryTypes[fb] && lobBytes[tb] > 0 && binaryTypes[tb]:
		return fmt.Sprintf("LENGTH(%s) > %d", c, lobBytes[tb]), true
	case binaryTypes[fb] && (tb == "binary" || tb == "varbinary") && len(ta) == 1:
		return fmt.Sprintf("LENGTH(%s) > %d", c, ta[0]), true
	}
	if _, _, ok := intRange(from); ok || fb == "decimal" {
		if lo, hi, ok := intRange(to); ok {
			return fmt.Sprintf("(%s < %s OR %s > %s)", c, lo, c, hi), true
		}
	}
	return "", false
}

// narrowing is the hazard and, where tide can tell which values do not
// fit, the pre-flight check of a type change that is not a widening.
func (r recipeContext) narrowing(t *schema.Table, from, to *schema.Column) ([]dialects.Hazard, []dialects.Preflight) {
	q := t.QName()
	msg := fmt.Sprintf("%s.%s changes type from %s to %s: every value is converted, and the copy fails on a value the new type cannot hold "+
		"(apply's sessions are strict, so none is silently truncated)", q, to.Name, from.Type, to.Type)
	cond, ok := narrowingCondition(to.Name, from.Type, to.Type)
	if !ok {
		return []dialects.Hazard{hazard(dialects.HazardValidationMayFail, msg)}, nil
	}
	return []dialects.Hazard{hazard(dialects.HazardValidationMayFail, msg+"; the pre-flight check counts them")},
		[]dialects.Preflight{r.valuesPreflight(t, to.Name, "type",
			fmt.Sprintf("rows of %s whose %s does not fit %s", q, to.Name, to.Type), cond)}
}

// sampleColumns are the columns a pre-flight shows of each failing row of
// table t: its key as it is before the plan (else every column), and col.
func (r recipeContext) sampleColumns(t *schema.Table, col string) []string {
	cur := r.current(t)
	if cur == nil {
		cur = t
	}
	cols, _ := backfillKey(cur)
	if cols == nil {
		for _, c := range cur.Columns {
			cols = append(cols, c.Name)
		}
	}
	if !slices.Contains(cols, col) {
		cols = append(cols, col)
	}
	return cols
}
