package mysql

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// The locks a MySQL step takes, as Action.Lock names them. Every ALTER
// TABLE takes an exclusive metadata lock briefly at its start and end; what
// differs is what it lets other sessions do in between, which its LOCK=
// clause states.
const (
	// LockMetadata is a brief exclusive metadata lock: reads and writes
	// continue (LOCK=NONE, or ALGORITHM=INSTANT).
	LockMetadata = "METADATA"
	// LockShared blocks writes while the statement runs; reads continue
	// (LOCK=SHARED).
	LockShared = "SHARED"
	// LockExclusive blocks reads and writes while the statement runs.
	LockExclusive = "EXCLUSIVE"
	// LockRows is the row locks of an UPDATE, held until it commits.
	LockRows = "ROWS"
)

// Lock notes used by the recipes.
const (
	noteInstant   = "brief (metadata only)"
	noteInplace   = "brief, at the start and end; reads and writes continue while the server works"
	noteCopy      = "held while the whole table is copied: writes wait, reads continue"
	noteNewObject = "none on existing tables (creates a new object)"
)

// algorithm is an ALTER TABLE's ALGORITHM= and LOCK= pair.
type algorithm struct {
	name string // INSTANT, INPLACE or COPY
	lock string // NONE or SHARED
}

// The algorithms the recipes use, weakest first.
var (
	algoInstant       = algorithm{"INSTANT", "NONE"}
	algoInplace       = algorithm{"INPLACE", "NONE"}
	algoInplaceShared = algorithm{"INPLACE", "SHARED"}
	algoCopy          = algorithm{"COPY", "SHARED"}
)

// rank orders algorithms by the work they do.
func (a algorithm) rank() int {
	switch a {
	case algoInstant:
		return 0
	case algoInplace:
		return 1
	case algoInplaceShared:
		return 2
	}
	return 3
}

// stronger returns the stronger of two algorithms.
func stronger(a, b algorithm) algorithm {
	if b.rank() > a.rank() {
		return b
	}
	return a
}

// Recipe implements dialects.Recipes: the actions that carry out one
// change. Every ALTER TABLE states ALGORITHM= and LOCK=, INSTANT where the
// server can, else INPLACE with LOCK=NONE, so that the server refuses
// rather than silently copying the table; what only ALGORITHM=COPY can do
// is planned so with a TABLE_COPY hazard naming the gh-ost and
// pt-online-schema-change command lines that do it without blocking
// writes. Drops are in the contract phase. The choices follow the target's
// flavor and version (Env.Version; offline, MySQL 8's latest rules). Each
// change kind has its own function (recipes_*.go); this only dispatches.
// Each statement of a step that is not transactional then gets its done
// probe, so that the step can be run again after a stop (rerun.go).
func (d Dialect) Recipe(c schema.Change, env *dialects.Env) ([]dialects.Action, error) {
	actions, err := d.recipe(c, env)
	withDoneProbes(d.Database, actions)
	return actions, err
}

// recipe returns the actions of one change (see Recipe).
func (d Dialect) recipe(c schema.Change, env *dialects.Env) ([]dialects.Action, error) {
	if env == nil {
		env = &dialects.Env{}
	}
	r := recipeContext{d: d, env: env}
	if err := r.unsupported(c); err != nil {
		return nil, err
	}
	one := func(a dialects.Action, err error) ([]dialects.Action, error) {
		if err != nil {
			return nil, err
		}
		return []dialects.Action{a}, nil
	}
	switch c := c.(type) {
	case schema.AddNamespace:
		return one(r.addNamespace(c), nil)
	case schema.DropNamespace:
		return one(r.dropNamespace(c), nil)
	case schema.SetNamespaceComment:
		return nil, fmt.Errorf("database %s: tide does not manage MySQL database comments; remove the comment", c.To.Name)
	case schema.AddTable:
		return one(r.addTable(c))
	case schema.DropTable:
		return one(r.dropTable(c), nil)
	case schema.RenameTable:
		return one(r.renameTable(c), nil)
	case schema.SetTableComment:
		return one(r.setTableComment(c), nil)
	case schema.SetTableAttrs:
		return r.setTableAttrs(c)
	case schema.AddColumn:
		return r.addColumn(c)
	case schema.DropColumn:
		return one(r.dropColumn(c), nil)
	case schema.RenameColumn:
		return one(r.renameColumn(c), nil)
	case schema.AlterColumn:
		return r.alterColumn(c)
	case schema.AddPrimaryKey:
		return r.addPrimaryKey(c), nil
	case schema.DropPrimaryKey:
		return r.dropPrimaryKey(c)
	case schema.AddUnique:
		return r.addIndex(schema.AddIndex{T: c.T, I: uniqueIndex(c.U)})
	case schema.DropUnique:
		return r.dropIndex(schema.DropIndex{T: c.T, I: uniqueIndex(c.U)})
	case schema.AddIndex:
		return r.addIndex(c)
	case schema.DropIndex:
		return r.dropIndex(c)
	case schema.RenameIndex:
		return one(r.renameIndex(c), nil)
	case schema.RenameConstraint:
		return r.renameConstraint(c)
	case schema.AddCheck:
		return one(r.addCheck(c))
	case schema.DropCheck:
		return r.dropCheck(c)
	case schema.AddForeignKey:
		return one(r.addForeignKey(c))
	case schema.DropForeignKey:
		return r.dropForeignKey(c)
	case schema.AddEnum, schema.DropEnum, schema.AddEnumValue, schema.ReplaceEnum:
		return nil, fmt.Errorf("enum %s: MySQL has no enum types; spell the column type as enum('a','b')", c.Object())
	case schema.AddSequence, schema.DropSequence, schema.AlterSequence:
		return nil, fmt.Errorf("sequence %s: sequences are not supported by tide's MySQL dialect; use auto_increment", c.Object())
	case schema.AddView, schema.DropView, schema.SetViewComment:
		return nil, fmt.Errorf("view %s: views are not supported by tide's MySQL dialect yet", c.Object())
	case nil:
		return nil, fmt.Errorf("mysql: no recipe for a nil change")
	default:
		return nil, fmt.Errorf("mysql: no recipe for change %q on %s (%T)", c.Kind(), c.Object(), c)
	}
}

// recipeContext carries what the recipe functions read.
type recipeContext struct {
	d   Dialect
	env *dialects.Env
}

// mariaDB reports whether the target is MariaDB (offline: no).
func (r recipeContext) mariaDB() bool {
	if r.env.Version.Flavor != "" {
		return r.env.Version.Flavor == "mariadb"
	}
	return r.d.mariaDB()
}

// mysqlAtLeast reports whether the target is MySQL major.minor.patch or
// later; offline (no version) counts as the latest MySQL, and MariaDB as
// not MySQL.
func (r recipeContext) mysqlAtLeast(major, minor, patch int) bool {
	return !r.mariaDB() && versionAtLeast(r.env.Version, major, minor, patch)
}

// isNew reports whether the plan creates table t, so nobody uses it yet.
func (r recipeContext) isNew(t *schema.Table) bool { return r.env.NewTables[t.QName()] }

// current returns the current definition of desired table t (found under
// its old name when the plan renames it), or nil.
func (r recipeContext) current(t *schema.Table) *schema.Table {
	if r.env.Current == nil {
		return nil
	}
	q := t.QName()
	if old, ok := r.env.RenamedTables[q]; ok {
		q = old
	}
	return r.env.Current.Table(q)
}

// desired returns the desired definition of table t, or nil.
func (r recipeContext) desired(t *schema.Table) *schema.Table {
	if r.env.Desired == nil {
		return nil
	}
	return r.env.Desired.Table(t.QName())
}

// alter renders ALTER TABLE t clauses…, ALGORITHM=…, LOCK=…. MySQL accepts
// only LOCK=DEFAULT with ALGORITHM=INSTANT (INSTANT never locks);
// MariaDB takes LOCK=NONE, which makes it refuse rather than lock. A table
// of another engine than InnoDB is always copied.
func (r recipeContext) alter(t *schema.Table, a algorithm, clauses ...string) string {
	if !r.innoDB(t) {
		a = algoCopy // online DDL is InnoDB's: other engines copy
	}
	lock := a.lock
	if a == algoInstant && !r.mariaDB() {
		lock = "DEFAULT"
	}
	return r.d.AlterTableSQL(t.QName(), clauses...) + ", ALGORITHM=" + a.name + ", LOCK=" + lock
}

// innoDB reports whether table t uses InnoDB once the plan has run (its
// desired engine, or the server's default; InnoDB when unknown).
func (r recipeContext) innoDB(t *schema.Table) bool {
	attrs := t.Attrs
	if dt := r.desired(t); dt != nil {
		attrs = dt.Attrs
	}
	engine := attrs[schema.AttrEngine]
	if engine == "" && r.d.Server != nil {
		engine = r.d.Server.Engine
	}
	return engine == "" || strings.EqualFold(engine, "InnoDB")
}

// tableRef returns a pointer to t's qualified name, for Action.Table.
func tableRef(t *schema.Table) *schema.QName {
	q := t.QName()
	return &q
}

// hazard builds one hazard.
func hazard(code, msg string) dialects.Hazard { return dialects.Hazard{Code: code, Message: msg} }

// alterAction is an ALTER TABLE step on an existing table run with
// algorithm a: its lock, what it does to the table and, for COPY, the
// TABLE_COPY hazard with the online tools' command lines for clauses.
func (r recipeContext) alterAction(phase dialects.Phase, t *schema.Table, a algorithm, summary string, clauses []string, rollback []string) dialects.Action {
	if !r.innoDB(t) {
		a = algoCopy // online DDL is InnoDB's: other engines copy
	}
	act := dialects.Action{
		Phase:      phase,
		Summary:    summary,
		Statements: []string{r.alter(t, a, clauses...)},
		Table:      tableRef(t),
		Rollback:   rollback,
	}
	switch a {
	case algoInstant:
		act.Lock, act.LockNote = LockMetadata, noteInstant
	case algoInplace:
		act.Lock, act.LockNote = LockMetadata, noteInplace
		act.LongRunning = true
	case algoInplaceShared:
		act.Lock, act.LockNote = LockShared, "held while the server builds: writes wait, reads continue"
		act.LongRunning, act.Scans = true, true
		if !r.isNew(t) {
			act.Hazards = append(act.Hazards, r.sharedHazard(t, clauses))
		}
	default:
		act.Lock, act.LockNote = LockShared, noteCopy
		act.Rewrites, act.Scans, act.LongRunning = true, true, true
		act.Hazards = append(act.Hazards, r.copyHazard(t, clauses))
	}
	return act
}

// copyHazard is the TABLE_COPY hazard of an ALGORITHM=COPY step, with the
// gh-ost and pt-online-schema-change command lines that make the same
// change by copying the table in the background while writes continue
// (see onlineTools).
func (r recipeContext) copyHazard(t *schema.Table, clauses []string) dialects.Hazard {
	return hazard(dialects.HazardTableCopy, fmt.Sprintf(
		"only ALGORITHM=COPY can do this: %s is copied row by row and writes wait (LOCK=SHARED) until the copy ends; %s",
		t.QName(), r.onlineTools(t, clauses)))
}

// sharedHazard is the NO_SAFE_RECIPE hazard of an INPLACE step with
// LOCK=SHARED on a table that has rows: the server cannot make the change
// while writes go on (the step's other hazards, or the foreign keys named
// here, say why), and the online tools can (see onlineTools).
func (r recipeContext) sharedHazard(t *schema.Table, clauses []string) dialects.Hazard {
	var why []string
	if r.hasFulltext(t) {
		why = append(why, "the server rebuilds a table with a FULLTEXT index only with LOCK=SHARED")
	}
	if fks := r.cascadingForeignKeys(t); !r.mariaDB() && len(fks) > 0 {
		why = append(why, "MySQL refuses LOCK=NONE for index builds and rebuilds of a table with ON DELETE/UPDATE CASCADE or SET NULL foreign keys ("+columnList(fks)+")")
	}
	because := ""
	if len(why) > 0 {
		because = " (" + strings.Join(why, "; ") + ")"
	}
	return hazard(dialects.HazardNoSafeRecipe, fmt.Sprintf("writes to %s wait (LOCK=SHARED) until the statement ends%s; %s",
		t.QName(), because, r.onlineTools(t, clauses)))
}

// shellQuote quotes a word for a POSIX shell.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(c rune) bool {
		return !(c == '_' || c == '-' || c == '.' || c == ',' || c == '=' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// uniqueIndex is a unique constraint as the unique index MySQL makes of it.
func uniqueIndex(u *schema.Unique) *schema.Index {
	ix := &schema.Index{Name: u.Name, Unique: true, Pos: u.Pos}
	for _, c := range u.Columns {
		ix.Parts = append(ix.Parts, schema.IndexPart{Column: c})
	}
	return ix
}
