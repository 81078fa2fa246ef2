package postgres

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// alterColumn renders an AlterColumn as one ALTER TABLE with a subcommand per
// changed part (in the order PostgreSQL needs: drop the default before a type
// change, set it again after), plus COMMENT ON COLUMN when the comment
// changes. A change of the generated expression is done separately (see
// alterGenerated).
//
// SET NOT NULL on an existing table (PostgreSQL ≥ 12) is online: the expand
// action adds a helper check (col IS NOT NULL) NOT VALID after the other
// parts, and a validate-phase action validates it, sets NOT NULL without a
// scan and drops the helper (setNotNullAction). Adding an identity needs the
// column NOT NULL in the same statement, so it keeps the plain SET NOT NULL.
func (r recipeContext) alterColumn(c schema.AlterColumn) ([]dialects.Action, error) {
	t, from, to := c.T, c.From, c.To
	obj := fmt.Sprintf("%s.%s", t.QName(), to.Name)
	if c.Changes.Has(schema.ChangeAttrs) {
		return nil, fmt.Errorf("column %s: PostgreSQL has no column options (%s); remove them from the desired schema", obj, attrNames(to.Attrs))
	}
	if c.Changes.Has(schema.ChangeType) && isSerialType(from.Type) && isSerialType(to.Type) &&
		(c.Changes != schema.ChangeType || r.shadowRefusal(t, r.currentTable(t), from, to) != "") {
		return r.serialRetype(c)
	}
	if c.Changes.Has(schema.ChangeType) && isSerialType(from.Type) != isSerialType(to.Type) {
		return nil, fmt.Errorf("column %s: changing the type from %s to %s is not supported: serial is not a real type; "+
			"declare an identity column (identity = \"by default\") or a sequence with a nextval() default instead", obj, from.Type, to.Type)
	}
	if c.Changes.Has(schema.ChangeGenerated) {
		return r.alterGenerated(c)
	}
	if c.Changes.Has(schema.ChangeType) && r.renameRetypes(t, r.currentTable(t), from, to) {
		// The expand/contract rename created the new column with the new
		// type, collation and default: what is left applies to it.
		c.Changes &^= schema.ChangeType | schema.ChangeCollation | schema.ChangeDefault
		if c.Changes == 0 {
			return nil, nil
		}
		renamed := *to
		renamed.Nullable, renamed.Comment = from.Nullable, from.Comment
		from = &renamed
		c.From = from
	}
	refusal := ""
	if c.Changes.Has(schema.ChangeType) {
		cur := r.currentTable(t)
		if refusal = r.shadowRefusal(t, cur, from, to); refusal == "" {
			if f := r.familyOf(t, cur, from, to); f != nil {
				if !f.leads(cur, from) {
					return nil, nil // the family's first member moves it
				}
				return r.keyFamilyRetype(f), nil
			}
			return r.shadowRetype(c, cur), nil
		}
	}
	b := &alterBuilder{t: t, col: quoteIdent(to.Name), lock: "", note: noteBrief}
	retype := c.Changes.Has(schema.ChangeType) || c.Changes.Has(schema.ChangeCollation)
	dc := c.Changes.Has(schema.ChangeDefault)
	// A default is dropped around a type change (PostgreSQL cannot always
	// cast it) and set again afterwards; PostgreSQL runs DROP DEFAULT before
	// TYPE and SET DEFAULT after it whatever their order in the statement.
	if from.Default != "" && (retype || (dc && to.Default == "")) {
		b.forward("DROP DEFAULT")
	}
	if to.Default != "" && (retype || (dc && from.Default == "")) {
		b.backward("DROP DEFAULT")
	}
	if retype {
		r.retype(b, from, to)
	}
	if c.Changes.Has(schema.ChangeIdentity) {
		r.alterIdentity(b, from, to)
	}
	if to.Default != "" && (retype || dc) {
		b.forward("SET DEFAULT " + renderDefault(to.Default))
	}
	if from.Default != "" && (retype || dc) {
		b.backward("SET DEFAULT " + renderDefault(from.Default))
	}
	addingIdentity := c.Changes.Has(schema.ChangeIdentity) && from.Identity == "" && to.Identity != ""
	onlineNotNull := c.Changes.Has(schema.ChangeNull) && !to.Nullable && !r.isNew(t) && r.versionAtLeast(12) && !addingIdentity
	switch {
	case onlineNotNull && to.Backfill != "":
		r.backfillNulls(b, to)
	case c.Changes.Has(schema.ChangeNull) && !onlineNotNull:
		r.alterNull(b, from, to)
	}
	stmts, rollback := b.statements()
	if onlineNotNull {
		stmts = append(stmts, addNotNullCheckSQL(t, to.Name))
		rollback = append([]string{dropConstraint(t, notNullCheckName(t, to.Name))}, rollback...)
		b.lock = strongerLock(b.lock, LockAccessExclusive)
	}
	if c.Changes.Has(schema.ChangeComment) {
		stmts = append(stmts, RenderComment("COLUMN", columnTarget(t, to.Name), to.Comment))
		rollback = append(rollback, RenderComment("COLUMN", columnTarget(t, to.Name), from.Comment))
		b.lock = strongerLock(b.lock, LockShareUpdateExclusive)
	}
	if len(stmts) == 0 {
		return nil, fmt.Errorf("column %s: alter_column with no change to carry out (changes %q)", obj, c.Changes.String())
	}
	a := dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       fmt.Sprintf("alter column %s (%s)", obj, c.Changes.String()),
		Statements:    stmts,
		Transactional: true,
		Lock:          b.lock,
		LockNote:      b.note,
		Rewrites:      b.rewrites,
		Scans:         b.scans,
		LongRunning:   b.rewrites || b.scans,
		Table:         tableRef(t),
		Rollback:      rollback,
	}
	if !r.isNew(t) {
		a.Hazards = b.hazards
		if b.rewrites && refusal != "" && refusal != "no rewrite" && c.Changes.Has(schema.ChangeType) {
			a.Hazards = append(a.Hazards, inPlaceRefusalHazard(refusal))
		}
	}
	if !onlineNotNull {
		return []dialects.Action{a}, nil
	}
	switch {
	case c.Changes == schema.ChangeNull && to.Backfill != "":
		a.Summary = fmt.Sprintf("fill the NULLs of %s, add check %s NOT VALID", obj, notNullCheckName(t, to.Name))
	case c.Changes == schema.ChangeNull:
		a.Summary = fmt.Sprintf("add check %s NOT VALID: new rows of %s must have %s", notNullCheckName(t, to.Name), t.QName(), to.Name)
	default:
		a.Summary += fmt.Sprintf("; add check %s NOT VALID", notNullCheckName(t, to.Name))
	}
	nn := setNotNullAction(t, to.Name)
	nn.Preflight = []dialects.Preflight{notNullPreflight(t, r.sampleKey(t), to.Name, to.Backfill)}
	return []dialects.Action{a, nn}, nil
}

// alterBuilder collects the subcommands of one ALTER TABLE on one column,
// their inverses, and what they cost.
type alterBuilder struct {
	t   *schema.Table
	col string
	// pre are statements that run before the ALTER TABLE; post after it.
	pre, fwd, post  []string
	back            []string
	backPre         []string
	backAfter       []string
	lock, note      string
	rewrites, scans bool
	hazards         []dialects.Hazard
}

func (b *alterBuilder) forward(sub string) {
	b.fwd = append(b.fwd, "ALTER COLUMN "+b.col+" "+sub)
	b.lock = strongerLock(b.lock, LockAccessExclusive)
}

// backward adds the inverse of a subcommand to the rollback's ALTER TABLE.
func (b *alterBuilder) backward(sub string) {
	b.back = append(b.back, "ALTER COLUMN "+b.col+" "+sub)
}

func (b *alterBuilder) hazard(code, msg string) {
	for _, h := range b.hazards {
		if h.Code == code {
			return
		}
	}
	b.hazards = append(b.hazards, hazard(code, msg))
}

func (b *alterBuilder) statements() (stmts, rollback []string) {
	stmts = append(stmts, b.pre...)
	if len(b.fwd) > 0 {
		stmts = append(stmts, alterTable(b.t, b.fwd...))
	}
	stmts = append(stmts, b.post...)
	rollback = append(rollback, b.backPre...)
	if len(b.back) > 0 {
		rollback = append(rollback, alterTable(b.t, b.back...))
	}
	rollback = append(rollback, b.backAfter...)
	return stmts, rollback
}

// retype changes the type and/or collation with ALTER COLUMN … TYPE.
func (r recipeContext) retype(b *alterBuilder, from, to *schema.Column) {
	s := r.enumSchema()
	cur := r.env.Current
	if cur == nil {
		cur = s
	}
	b.forward(typeSubcommand(b.t, from, to, s))
	back := *from
	back.Using = "" // a conversion expression only works forwards: roll back with a cast
	b.backward(typeSubcommand(b.t, to, &back, cur))
	q := b.t.QName() // views reading the table were dropped by the plan before this step (DropView.BeforeChange)
	if from.Type != to.Type && !binaryCoercible(from.Type, to.Type) {
		b.rewrites = true
		b.note = noteRewrite
		b.hazard(dialects.HazardTableRewrite, fmt.Sprintf("%s → %s is not binary-coercible: %s and its indexes are rewritten", from.Type, to.Type, q))
		b.hazard(dialects.HazardAccessExclusiveLock, fmt.Sprintf("reads and writes of %s wait until the rewrite ends", q))
		b.hazard(dialects.HazardValidationMayFail, fmt.Sprintf("the conversion to %s fails if an existing value cannot be converted", to.Type))
		return
	}
	b.hazard(dialects.HazardIndexBuild, fmt.Sprintf("indexes on %s.%s are rebuilt if their collation or operator class changes", q, to.Name))
}

// typeSubcommand renders the "TYPE …" part of the ALTER COLUMN that turns
// column from into to.
func typeSubcommand(t *schema.Table, from, to *schema.Column, s *schema.Schema) string {
	sub := "TYPE " + RenderType(to.Type, s, t.Schema)
	if to.Collation != "" {
		sub += " COLLATE " + RenderCollation(to.Collation)
	} else if from.Collation != "" {
		sub += ` COLLATE "default"`
	}
	switch {
	case to.Using != "" && from.Type != to.Type:
		sub += " USING (" + to.Using + ")"
	case from.Type != to.Type && enumOfType(to.Type, s, t.Schema) != nil:
		// No cast between two enum types (or most types and an enum):
		// convert through text.
		_, dims := splitArrayType(from.Type)
		sub += " USING (" + quoteIdent(from.Name) + "::text" + dims + "::" + RenderType(to.Type, s, t.Schema) + ")"
	case needsUsing(from.Type, to.Type):
		sub += " USING (" + quoteIdent(from.Name) + "::" + RenderType(to.Type, s, t.Schema) + ")"
	}
	return sub
}

// typeFamilies group types between which PostgreSQL has an assignment cast,
// so ALTER COLUMN … TYPE needs no USING clause.
var typeFamilies = map[string]string{
	"smallint": "num", "integer": "num", "bigint": "num", "numeric": "num", "real": "num", "double precision": "num",
	"text": "str", "character varying": "str", "character": "str", "name": "str",
	"timestamp without time zone": "ts", "timestamp with time zone": "ts", "date": "ts",
	"time without time zone": "time", "time with time zone": "time", "interval": "interval",
	"bit": "bit", "bit varying": "bit", "cidr": "net", "inet": "net", "json": "json", "jsonb": "json",
}

// typeBase strips a type modifier and array suffix: "character varying(10)"
// → "character varying"; "timestamp(3) with time zone" keeps its words.
func typeBase(typ string) (base string, array bool) {
	b, dims := splitArrayType(strings.ToLower(typ))
	for {
		i := strings.IndexByte(b, '(')
		if i < 0 {
			break
		}
		j := strings.IndexByte(b[i:], ')')
		if j < 0 {
			break
		}
		b = strings.TrimSpace(b[:i]) + " " + strings.TrimSpace(b[i+j+1:])
		b = strings.TrimSpace(b)
	}
	return b, dims != ""
}

// needsUsing reports whether ALTER COLUMN … TYPE from → to needs an explicit
// USING cast (no assignment cast between the two).
func needsUsing(from, to string) bool {
	if from == to {
		return false
	}
	fb, fa := typeBase(from)
	tb, ta := typeBase(to)
	if fa != ta {
		return true
	}
	ff, ok1 := typeFamilies[fb]
	tf, ok2 := typeFamilies[tb]
	if !ok1 || !ok2 {
		return true
	}
	if ff == "json" || ff == "net" && fb != tb {
		return fb != tb && !(fb == "cidr" && tb == "inet")
	}
	return ff != tf
}

// binaryCoercible reports whether from → to needs no table rewrite:
// varchar ↔ text, a longer varchar, a wider numeric with the same scale,
// more precision for timestamp/time/interval, cidr → inet.
func binaryCoercible(from, to string) bool {
	if from == to {
		return true
	}
	fb, fa := typeBase(from)
	tb, ta := typeBase(to)
	if fa != ta {
		return false
	}
	fm, tm := typeMods(from), typeMods(to)
	switch {
	case (fb == "character varying" || fb == "text") && tb == "text":
		return true
	case fb == "character varying" && tb == "character varying":
		return len(tm) == 0 || (len(fm) == 1 && tm[0] >= fm[0])
	case fb == "text" && tb == "character varying":
		return len(tm) == 0
	case fb == "numeric" && tb == "numeric":
		if len(tm) == 0 {
			return true
		}
		if len(fm) == 0 {
			return false
		}
		fs, ts := modAt(fm, 1), modAt(tm, 1)
		return fs == ts && tm[0] >= fm[0]
	case fb == tb && (strings.HasPrefix(fb, "timestamp") || strings.HasPrefix(fb, "time ") || fb == "interval" || fb == "bit varying"):
		return len(tm) == 0 || (len(fm) == 1 && tm[0] >= fm[0])
	case fb == "cidr" && tb == "inet":
		return true
	}
	return false
}

func modAt(m []int, i int) int {
	if i < len(m) {
		return m[i]
	}
	return 0
}

// typeMods returns a type's numeric modifiers: "numeric(12,2)" → [12 2].
func typeMods(typ string) []int {
	i := strings.IndexByte(typ, '(')
	j := strings.IndexByte(typ, ')')
	if i < 0 || j < i {
		return nil
	}
	var out []int
	for _, p := range strings.Split(typ[i+1:j], ",") {
		n := 0
		for _, ch := range strings.TrimSpace(p) {
			if ch < '0' || ch > '9' {
				return nil
			}
			n = n*10 + int(ch-'0')
		}
		out = append(out, n)
	}
	return out
}

// alterIdentity adds, drops or switches an identity. Adding one to a column
// that has rows moves the new sequence past the largest existing value.
func (r recipeContext) alterIdentity(b *alterBuilder, from, to *schema.Column) {
	q := b.t.QName()
	switch {
	case from.Identity == "" && to.Identity != "":
		b.forward("ADD " + identityClause(to.Identity))
		b.post = append(b.post, fmt.Sprintf("SELECT setval(pg_get_serial_sequence(%s, %s), coalesce(max(%s), 0) + 1, false) FROM %s",
			quoteLiteral(qualified(q)), quoteLiteral(to.Name), quoteIdent(to.Name), qualified(q)))
		b.backward("DROP IDENTITY")
		b.scans = true
		b.note = noteScan
		b.hazard(dialects.HazardTableScan, fmt.Sprintf("the largest %s is read to start the identity sequence after it", to.Name))
	case from.Identity != "" && to.Identity == "":
		b.forward("DROP IDENTITY")
		b.backward("ADD " + identityClause(from.Identity))
		b.backAfter = append(b.backAfter, fmt.Sprintf("SELECT setval(pg_get_serial_sequence(%s, %s), coalesce(max(%s), 0) + 1, false) FROM %s",
			quoteLiteral(qualified(q)), quoteLiteral(from.Name), quoteIdent(from.Name), qualified(q)))
	default:
		b.forward("SET GENERATED " + identityKeyword(to.Identity))
		b.backward("SET GENERATED " + identityKeyword(from.Identity))
	}
}

// backfillNulls fills the NULLs of column to with its backfill expression
// before the ALTER, in one statement.
func (r recipeContext) backfillNulls(b *alterBuilder, to *schema.Column) {
	q := b.t.QName()
	b.pre = append(b.pre, "UPDATE "+qualified(q)+" SET "+quoteIdent(to.Name)+" = ("+to.Backfill+") WHERE "+quoteIdent(to.Name)+" IS NULL")
	b.rewrites = true
	b.note = "held while the rows where " + to.Name + " is NULL are updated"
	b.lock = strongerLock(b.lock, LockRowExclusive)
	b.hazard(dialects.HazardTableRewrite, fmt.Sprintf("rows of %s where %s is NULL are updated in one statement", q, to.Name))
}

// alterNull sets or drops NOT NULL in place. SET NOT NULL reads every row
// under the ACCESS EXCLUSIVE lock (the plain form: new tables, PostgreSQL
// before 12, or with an identity added); a backfill expression fills NULLs
// first.
func (r recipeContext) alterNull(b *alterBuilder, from, to *schema.Column) {
	q := b.t.QName()
	if to.Nullable {
		b.forward("DROP NOT NULL")
		b.backward("SET NOT NULL")
		return
	}
	if to.Backfill != "" {
		r.backfillNulls(b, to)
	}
	b.forward("SET NOT NULL")
	b.backward("DROP NOT NULL")
	b.scans = true
	if !b.rewrites {
		b.note = noteScan
	}
	b.hazard(dialects.HazardTableScan, fmt.Sprintf("SET NOT NULL reads every row of %s", q))
	b.hazard(dialects.HazardAccessExclusiveLock, fmt.Sprintf("reads and writes of %s wait while it is scanned", q))
	b.hazard(dialects.HazardValidationMayFail, fmt.Sprintf("fails if %s has a NULL in %s", q, to.Name))
}

// serialTypeBase maps a serial pseudo-type to its integer type.
var serialTypeBase = map[string]string{"smallserial": "smallint", "serial": "integer", "bigserial": "bigint"}

// serialRetype changes serial ↔ bigserial ↔ smallserial in place: the
// column's integer type (a rewrite unless the type stays the same width) and
// the data type of the sequence it owns (ALTER SEQUENCE … AS, which moves
// the sequence's limits with it when they were the old type's). Widening
// changes the column first, narrowing the sequence after the column so that
// a value too large fails the column change before the sequence is touched.
func (r recipeContext) serialRetype(c schema.AlterColumn) ([]dialects.Action, error) {
	t, from, to := c.T, c.From, c.To
	q := t.QName()
	if c.Changes != schema.ChangeType {
		return nil, fmt.Errorf("column %s.%s: a serial type change together with other changes (%s) is not supported; change the type in one plan and the rest in the next",
			q, to.Name, c.Changes.String())
	}
	fromBase, toBase := serialTypeBase[from.Type], serialTypeBase[to.Type]
	seqAs := func(typ string) string {
		return "DO $tide$ BEGIN EXECUTE format('ALTER SEQUENCE %s AS " + typ + "', pg_get_serial_sequence(" +
			quoteLiteral(qualified(q)) + ", " + quoteLiteral(to.Name) + ")); END $tide$"
	}
	colAs := func(typ string) string {
		return alterTable(t, "ALTER COLUMN "+quoteIdent(to.Name)+" TYPE "+typ)
	}
	a := dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       fmt.Sprintf("change %s.%s from %s to %s: the column's type and its sequence's", q, to.Name, from.Type, to.Type),
		Statements:    []string{colAs(toBase), seqAs(toBase)},
		Transactional: true,
		Lock:          LockAccessExclusive,
		LockNote:      noteRewrite,
		Rewrites:      true,
		LongRunning:   true,
		Table:         tableRef(t),
		Rollback:      []string{colAs(fromBase), seqAs(fromBase)},
	}
	if r.isNew(t) {
		a.Rewrites, a.LongRunning, a.LockNote = false, false, noteBrief
		return []dialects.Action{a}, nil
	}
	a.Hazards = []dialects.Hazard{
		hazard(dialects.HazardTableRewrite, fmt.Sprintf("%s → %s is not binary-coercible: %s and its indexes are rewritten", fromBase, toBase, q)),
		hazard(dialects.HazardAccessExclusiveLock, fmt.Sprintf("reads and writes of %s wait until the rewrite ends", q)),
		inPlaceRefusalHazard(r.serialRefusal(c)),
	}
	if serialRank[to.Type] < serialRank[from.Type] {
		a.Hazards = append(a.Hazards, hazard(dialects.HazardValidationMayFail,
			fmt.Sprintf("fails if a value of %s or the sequence's last value does not fit in %s", to.Name, toBase)))
	}
	return []dialects.Action{a}, nil
}

// serialRefusal says why serial column change c is not done through a
// shadow column.
func (r recipeContext) serialRefusal(c schema.AlterColumn) string {
	if why := r.shadowRefusal(c.T, r.currentTable(c.T), c.From, c.To); why != "" {
		return why
	}
	return "a serial column changes together with its sequence"
}

// serialRank orders the serial types by width.
var serialRank = map[string]int{"smallserial": 1, "serial": 2, "bigserial": 3}
