package postgres

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Recipes for enum types, sequences and views.

func (r recipeContext) addEnum(c schema.AddEnum) dialects.Action {
	return dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       fmt.Sprintf("create enum type %s", c.E.QName()),
		Statements:    []string{RenderEnum(c.E)},
		Transactional: true,
		LockNote:      noteNewObject,
		Rollback:      []string{"DROP TYPE " + qualified(c.E.QName())},
	}
}

func (r recipeContext) dropEnum(c schema.DropEnum) dialects.Action {
	return dialects.Action{
		Phase:         dialects.PhaseContract,
		Summary:       fmt.Sprintf("drop enum type %s", c.E.QName()),
		Statements:    []string{"DROP TYPE " + qualified(c.E.QName())},
		Transactional: true,
		Lock:          LockAccessExclusive,
		LockNote:      "on the type only, brief",
		Hazards: []dialects.Hazard{hazard(dialects.HazardDeletesData,
			fmt.Sprintf("the type %s is removed (the drop fails while a column still uses it)", c.E.QName()))},
		Rollback: []string{RenderEnum(c.E)},
	}
}

func (r recipeContext) addEnumValue(c schema.AddEnumValue) dialects.Action {
	stmt := "ALTER TYPE " + qualified(c.E.QName()) + " ADD VALUE IF NOT EXISTS " + quoteLiteral(c.Value)
	switch {
	case c.Before != "":
		stmt += " BEFORE " + quoteLiteral(c.Before)
	case c.After != "":
		stmt += " AFTER " + quoteLiteral(c.After)
	}
	return dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       fmt.Sprintf("add value %q to enum %s", c.Value, c.E.QName()),
		Statements:    []string{stmt},
		Transactional: false,
		Lock:          LockExclusive,
		LockNote:      "on the type only, brief; tables using it are not locked",
		Hazards: []dialects.Hazard{hazard(dialects.HazardNonTransactional,
			"runs outside a transaction (before PostgreSQL 12 it cannot run inside one; after, the value is unusable until commit)")},
		Irreversible: true,
	}
}

// replaceEnum renames the old type aside, creates the new one, converts every
// column that uses it through text, and drops the old type — in one step.
func (r recipeContext) replaceEnum(c schema.ReplaceEnum) (dialects.Action, error) {
	uses := r.enumColumns(c.From)
	fwd, err := r.swapEnum(c.From, c.To, uses, false)
	if err != nil {
		return dialects.Action{}, err
	}
	back, err := r.swapEnum(c.To, c.From, uses, true)
	if err != nil {
		return dialects.Action{}, err
	}
	// Views reading a converted column were dropped by the plan before this
	// step (DropView.BeforeChange) and are created again after it.
	a := dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       fmt.Sprintf("replace enum type %s (values removed or reordered)", c.To.QName()),
		Statements:    fwd,
		Transactional: true,
		Lock:          LockAccessExclusive,
		LockNote:      "on the type only, brief",
		Rollback:      back,
	}
	if len(uses) == 0 {
		return a, nil
	}
	var tables []string
	seen := map[schema.QName]bool{}
	for _, u := range uses {
		if !seen[u.table.QName()] {
			seen[u.table.QName()] = true
			tables = append(tables, u.table.QName().String())
		}
	}
	a.Table = tableRef(uses[0].table)
	a.LockNote = noteRewrite
	a.Rewrites, a.LongRunning = true, true
	a.Hazards = []dialects.Hazard{
		hazard(dialects.HazardTableRewrite, fmt.Sprintf("every column of type %s is converted: %s rewritten", c.To.QName(), strings.Join(tables, ", "))),
		hazard(dialects.HazardAccessExclusiveLock, fmt.Sprintf("reads and writes of %s wait until the rewrite ends", strings.Join(tables, ", "))),
		hazard(dialects.HazardValidationMayFail, fmt.Sprintf("fails if a row holds a value that %s no longer has", c.To.QName())),
	}
	return a, nil
}

// enumUse is a column of an existing table whose type is an enum.
type enumUse struct {
	table *schema.Table
	// old is the column as it is; desired as it will be (its default).
	old, desired *schema.Column
}

// enumColumns finds the columns of existing tables that use enum e: the
// current schema's tables (those the plan does not create), with their
// desired default when the desired schema has the column.
func (r recipeContext) enumColumns(e *schema.Enum) []enumUse {
	cur := r.env.Current
	if cur == nil {
		cur = r.env.Desired
	}
	if cur == nil {
		return nil
	}
	var out []enumUse
	for _, t := range cur.Tables {
		if r.isNew(t) {
			continue
		}
		for _, col := range t.Columns {
			if enumOfType(col.Type, cur, t.Schema) != e && !sameEnum(enumOfType(col.Type, cur, t.Schema), e) {
				continue
			}
			u := enumUse{table: t, old: col, desired: col}
			if r.env.Desired != nil {
				if dt := r.env.Desired.Table(t.QName()); dt != nil && dt.Column(col.Name) != nil {
					u.desired = dt.Column(col.Name)
				}
			}
			out = append(out, u)
		}
	}
	return out
}

func sameEnum(a, b *schema.Enum) bool {
	return a != nil && b != nil && a.QName() == b.QName()
}

// swapEnum renders from → to: rename from aside, create to, convert the
// columns, drop the renamed type. rollback selects the columns' old default
// instead of the desired one.
func (r recipeContext) swapEnum(from, to *schema.Enum, uses []enumUse, rollback bool) ([]string, error) {
	aside := schema.QName{Schema: from.Schema, Name: from.Name + "__tide_old"}
	if len(aside.Name) > 63 {
		return nil, fmt.Errorf("enum %s: its name is too long to rename it aside as %q (63 bytes max); rename the type first", from.QName(), aside.Name)
	}
	stmts := []string{
		"ALTER TYPE " + qualified(from.QName()) + " RENAME TO " + quoteIdent(aside.Name),
		RenderEnum(to),
	}
	for _, u := range uses {
		col := quoteIdent(u.old.Name)
		_, dims := splitArrayType(u.old.Type)
		def := u.desired.Default
		if rollback {
			def = u.old.Default
		}
		var subs []string
		if u.old.Default != "" {
			subs = append(subs, "ALTER COLUMN "+col+" DROP DEFAULT")
		}
		subs = append(subs, "ALTER COLUMN "+col+" TYPE "+qualified(to.QName())+dims+
			" USING ("+col+"::text"+dims+"::"+qualified(to.QName())+dims+")")
		if def != "" {
			subs = append(subs, "ALTER COLUMN "+col+" SET DEFAULT "+renderDefault(def))
		}
		stmts = append(stmts, alterTable(u.table, subs...))
	}
	return append(stmts, "DROP TYPE "+qualified(aside)), nil
}

func (r recipeContext) addSequence(c schema.AddSequence) dialects.Action {
	stmts := []string{RenderSequence(c.S)}
	if o := RenderSequenceOwnedBy(c.S); o != "" {
		stmts = append(stmts, o)
	}
	return dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       fmt.Sprintf("create sequence %s", c.S.QName()),
		Statements:    stmts,
		Transactional: true,
		LockNote:      noteNewObject,
		Rollback:      []string{"DROP SEQUENCE " + qualified(c.S.QName())},
	}
}

func (r recipeContext) dropSequence(c schema.DropSequence) dialects.Action {
	rollback := []string{RenderSequence(c.S)}
	if o := RenderSequenceOwnedBy(c.S); o != "" {
		rollback = append(rollback, o)
	}
	return dialects.Action{
		Phase:         dialects.PhaseContract,
		Summary:       fmt.Sprintf("drop sequence %s", c.S.QName()),
		Statements:    []string{"DROP SEQUENCE " + qualified(c.S.QName())},
		Transactional: true,
		Lock:          LockAccessExclusive,
		LockNote:      "on the sequence only, brief",
		Hazards: []dialects.Hazard{hazard(dialects.HazardDeletesData,
			fmt.Sprintf("the current value of %s is lost; a rollback re-creates it at its start value", c.S.QName()))},
		Rollback: rollback,
	}
}

func (r recipeContext) alterSequence(c schema.AlterSequence) dialects.Action {
	return dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       fmt.Sprintf("alter sequence %s", c.To.QName()),
		Statements:    []string{alterSequenceSQL(c.From, c.To)},
		Transactional: true,
		Lock:          LockShareRowExclusive,
		LockNote:      "on the sequence only, brief; nextval() waits",
		Rollback:      []string{alterSequenceSQL(c.To, c.From)},
	}
}

// alterSequenceSQL renders the ALTER SEQUENCE that turns from into to,
// spelling PostgreSQL's default for an option that goes back to zero.
func alterSequenceSQL(from, to *schema.Sequence) string {
	var opts []string
	if from.Type != to.Type {
		typ := to.Type
		if typ == "" {
			typ = "bigint"
		}
		opts = append(opts, "AS "+typ)
	}
	if from.Increment != to.Increment {
		opts = append(opts, fmt.Sprintf("INCREMENT BY %d", orDefault(to.Increment, 1)))
	}
	if from.MinValue != to.MinValue {
		if to.MinValue == 0 {
			opts = append(opts, "NO MINVALUE")
		} else {
			opts = append(opts, fmt.Sprintf("MINVALUE %d", to.MinValue))
		}
	}
	if from.MaxValue != to.MaxValue {
		if to.MaxValue == 0 {
			opts = append(opts, "NO MAXVALUE")
		} else {
			opts = append(opts, fmt.Sprintf("MAXVALUE %d", to.MaxValue))
		}
	}
	if from.Start != to.Start {
		start := to.Start
		if start == 0 { // PostgreSQL's default: minvalue ascending, maxvalue descending
			start = orDefault(to.MinValue, 1)
			if to.Increment < 0 {
				start = orDefault(to.MaxValue, -1)
			}
		}
		opts = append(opts, fmt.Sprintf("START WITH %d", start))
	}
	if from.Cache != to.Cache {
		opts = append(opts, fmt.Sprintf("CACHE %d", orDefault(to.Cache, 1)))
	}
	if from.Cycle != to.Cycle {
		if to.Cycle {
			opts = append(opts, "CYCLE")
		} else {
			opts = append(opts, "NO CYCLE")
		}
	}
	if from.OwnedBy != to.OwnedBy {
		opts = append(opts, "OWNED BY "+ownedByTarget(to))
	}
	return "ALTER SEQUENCE " + qualified(to.QName()) + " " + strings.Join(opts, " ")
}

func orDefault(v, def int64) int64 {
	if v == 0 {
		return def
	}
	return v
}

func (r recipeContext) addView(c schema.AddView) dialects.Action {
	stmts := []string{RenderView(c.V)}
	if c.V.Comment != "" {
		stmts = append(stmts, RenderComment("VIEW", qualified(c.V.QName()), c.V.Comment))
	}
	a := dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       fmt.Sprintf("create view %s", c.V.QName()),
		Statements:    stmts,
		Transactional: true,
		LockNote:      noteNewObject,
		Rollback:      []string{"DROP VIEW " + qualified(c.V.QName())},
	}
	if r.viewAfterSwap(c.V) {
		a.Phase = dialects.PhaseContract
		a.Summary = fmt.Sprintf("create view %s again, after the column swaps it reads", c.V.QName())
	}
	return a
}

func (r recipeContext) dropView(c schema.DropView) dialects.Action {
	rollback := []string{RenderView(c.V)}
	if c.V.Comment != "" {
		rollback = append(rollback, RenderComment("VIEW", qualified(c.V.QName()), c.V.Comment))
	}
	a := dialects.Action{
		Phase:         dialects.PhaseContract,
		Summary:       fmt.Sprintf("drop view %s", c.V.QName()),
		Statements:    []string{"DROP VIEW " + qualified(c.V.QName())},
		Transactional: true,
		Lock:          LockAccessExclusive,
		LockNote:      "on the view only, brief",
		Rollback:      rollback,
	}
	if c.BeforeChange {
		// Dropped so that a table or type it reads can change; the plan
		// creates it again later in the expansion when it is still wanted.
		a.Phase = dialects.PhaseExpand
		a.Summary = fmt.Sprintf("drop view %s before what it reads changes", c.V.QName())
		msg := fmt.Sprintf("queries on %s fail until the view is created again later in this phase", c.V.QName())
		if r.viewAfterSwap(c.V) {
			msg = fmt.Sprintf("queries on %s fail until the contract creates the view again after the column swaps", c.V.QName())
		}
		a.Hazards = append(a.Hazards, dialects.Hazard{Code: dialects.HazardBreaksClients, Message: msg})
	}
	return a
}

func (r recipeContext) setViewComment(c schema.SetViewComment) dialects.Action {
	target := qualified(c.To.QName())
	from := ""
	if c.From != nil {
		from = c.From.Comment
	}
	return dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       fmt.Sprintf("set the comment of view %s", c.To.QName()),
		Statements:    []string{RenderComment("VIEW", target, c.To.Comment)},
		Transactional: true,
		Lock:          LockShareUpdateExclusive,
		LockNote:      noteBrief,
		Rollback:      []string{RenderComment("VIEW", target, from)},
	}
}
