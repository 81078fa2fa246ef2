// Package dialects defines what the rest of tide sees of an SQL dialect: the
// Dialect interface, the recipe data a dialect returns for each change, and a
// registry. Each engine lives in its own subpackage (dialects/postgres, …).
package dialects

import (
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/tidedb/tide/schema"
)

// Dialect is one SQL engine's knowledge, composed of small role interfaces.
type Dialect interface {
	// Name is the dialect's name as written in HCL and on the command line.
	Name() string
	TypeSystem
	Parser
	Renderer
	Recipes
}

// TypeSystem knows the engine's types, names and canonical forms.
type TypeSystem interface {
	// DefaultSchema is the namespace used when an object names none
	// ("public" on PostgreSQL).
	DefaultSchema() string
	// CanonicalType returns the canonical spelling of a type as a user wrote
	// it, or an error naming the unknown type.
	CanonicalType(typ string) (string, error)
	// Normalize rewrites a schema in place into the engine's canonical form
	// without a server (type spellings, default names, expressions), so that
	// two schemas that mean the same compare equal.
	Normalize(s *schema.Schema) error
}

// Parser reads SQL DDL files into the model.
type Parser interface {
	// ParseSQL parses DDL; file is used in error positions. Statements the
	// model cannot hold are errors naming the statement and its line.
	ParseSQL(file string, src []byte) (*schema.Schema, error)
}

// Renderer writes the model as DDL and quotes identifiers.
type Renderer interface {
	// QuoteIdent quotes one identifier.
	QuoteIdent(name string) string
	// CreateSQL renders a whole schema as statements that create it in an
	// empty database, in dependency order.
	CreateSQL(s *schema.Schema) ([]string, error)
}

// Recipes turns changes into the engine's steps.
type Recipes interface {
	// Recipe returns the actions that carry out one change, in order.
	Recipe(c schema.Change, env *Env) ([]Action, error)
	// SessionSettings returns the statements that set a step's lock and
	// statement timeouts on a session (0 = no limit).
	SessionSettings(lockTimeout, statementTimeout time.Duration) []string
}

// Version is a server's flavor and version.
type Version struct {
	// Flavor is "postgres", "mysql", "mariadb" or "mssql".
	Flavor string `json:"flavor"`
	Major  int    `json:"major"`
	Minor  int    `json:"minor"`
	Patch  int    `json:"patch,omitempty"`
	// Raw is the server's own version string.
	Raw string `json:"raw,omitempty"`
}

// AtLeast reports whether v is major.minor or later.
func (v Version) AtLeast(major, minor int) bool {
	return v.Major > major || (v.Major == major && v.Minor >= minor)
}

// String is "15.4" (with a flavor prefix for MariaDB).
func (v Version) String() string {
	if v.Major == 0 && v.Raw == "" {
		return "unknown"
	}
	s := fmt.Sprintf("%d.%d", v.Major, v.Minor)
	if v.Patch > 0 {
		s += fmt.Sprintf(".%d", v.Patch)
	}
	return s
}

// Env is what a recipe may look at besides the change itself.
type Env struct {
	// Version is the target server's version (zero offline: assume current).
	Version Version
	// Current and Desired are the two schemas being diffed.
	Current, Desired *schema.Schema
	// NewTables holds the tables the plan creates: changes on them need no
	// online recipe because nobody uses them yet.
	NewTables map[schema.QName]bool
	// RenamedTables maps the desired name of each table the plan renames to
	// its current name, so that a recipe on the desired table can find the
	// table's current definition (nil = no renames).
	RenamedTables map[schema.QName]schema.QName
	// RebuiltForeignKeys names (by table and name, as the changes give
	// them) the DropForeignKey and AddForeignKey changes that rebuild a
	// foreign key around a primary key or unique constraint the plan
	// replaces or drops: PostgreSQL refuses to drop a key that a foreign key
	// uses, so the planner drops such a foreign key before the key changes
	// and, when the desired state still has it (or a new definition of it:
	// same table, same name or same referenced table), adds it after. Such a
	// drop must really drop — it is not the first half of a side-by-side
	// replacement — and such an add cannot be built beside the old key. Nil
	// when there are none.
	RebuiltForeignKeys map[ForeignKeyRef]bool
	// BatchSize is the plan's backfill batch size: the rows a backfill
	// updates per batch, in its Backfill and in the batched loop written in
	// its statements (0 = the dialect's default).
	BatchSize int

	// lookupOnce builds lookup, the name indexes behind CurrentTable,
	// DesiredTable and RenamesColumns (env_lookup.go).
	lookupOnce sync.Once
	lookup     *envIndex
}

// ForeignKeyRef names a foreign key: its table, under the name the plan's
// changes give it (the desired name of a table the plan renames), and its
// name.
type ForeignKeyRef struct {
	Table schema.QName
	Name  string
}

// Phase is one of a plan's four phases, in execution order.
type Phase string

// The phases of a plan.
const (
	PhaseExpand   Phase = "expand"
	PhaseBackfill Phase = "backfill"
	PhaseValidate Phase = "validate"
	PhaseContract Phase = "contract"
)

// Phases lists the phases in execution order.
var Phases = []Phase{PhaseExpand, PhaseBackfill, PhaseValidate, PhaseContract}

// Hazard codes: stable identifiers of what can go wrong.
const (
	HazardAccessExclusiveLock = "ACCESS_EXCLUSIVE_LOCK"
	HazardTableRewrite        = "TABLE_REWRITE"
	HazardTableScan           = "TABLE_SCAN"
	HazardTableCopy           = "TABLE_COPY"
	HazardIndexBuild          = "INDEX_BUILD"
	HazardNonTransactional    = "NON_TRANSACTIONAL"
	HazardDeletesData         = "DELETES_DATA"
	HazardBreaksClients       = "BREAKS_CLIENTS"
	HazardValidationMayFail   = "VALIDATION_MAY_FAIL"
	HazardNoSafeRecipe        = "NO_SAFE_RECIPE"
)

// Hazard is one thing that can go wrong with a step.
type Hazard struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// DataLoss reports whether the hazard means data is lost.
func (h Hazard) DataLoss() bool { return h.Code == HazardDeletesData }

// Duration classes of a step, from its estimate.
const (
	DurationInstant = "instant" // metadata only
	DurationSeconds = "seconds"
	DurationMinutes = "minutes"
	DurationHours   = "hours"
)

// Assignment is one column set by a backfill.
type Assignment struct {
	Column string `json:"column"`
	Expr   string `json:"expr"`
}

// Backfill describes a batched update of existing rows.
type Backfill struct {
	Table schema.QName `json:"table"`
	// Key is the keyset the batches walk (the primary key's columns).
	Key []string `json:"key"`
	// KeyTypes are the key columns' types, in Key order, for dialects that
	// need them to read a key as text and bind it back (MySQL); nil when
	// the dialect does not.
	KeyTypes []string     `json:"key_types,omitempty"`
	Set      []Assignment `json:"set"`
	// Where limits the rows touched ("" = every row).
	Where     string `json:"where,omitempty"`
	BatchSize int    `json:"batch_size"`
}

// Preflight is a data check run before a plan starts: it counts rows that
// would make a later step fail.
type Preflight struct {
	// Kind is "not_null", "unique", "foreign_key" or "check"; on MySQL
	// and MariaDB also "enum" or "set" (rows holding a member the new
	// column type removes) and "type" (rows whose value the narrower type
	// does not hold).
	Kind        string `json:"kind"`
	Description string `json:"description"`
	// SQL returns the number of offending rows as one integer.
	SQL string `json:"sql"`
	// SampleSQL returns up to 5 offending rows' keys, when available.
	SampleSQL string `json:"sample_sql,omitempty"`
}

// Action is one step of a dialect's recipe for a change.
type Action struct {
	Phase Phase
	// Summary is a one-line description for people.
	Summary    string
	Statements []string
	// DoneProbes, when set, parallels Statements for a step that is not
	// transactional: DoneProbes[i] is a catalog query that returns a row
	// iff the effect of Statements[i] is already in place ("" = none). It
	// finds nothing before the step starts nor after any earlier statement
	// of the step, so a row proves the statement ran. When an earlier
	// attempt of the step stopped before recording it done, apply runs the
	// probes from the last statement back and skips the statements up to
	// the last one found done (engines where DDL commits by itself).
	DoneProbes []string
	// Transactional is false for statements that cannot run in a
	// transaction block (CREATE INDEX CONCURRENTLY, …).
	Transactional bool
	// Lock is the engine's name for the strongest lock the step takes.
	Lock string
	// LockNote qualifies the lock ("brief (metadata only)", …).
	LockNote string
	Rewrites bool
	Scans    bool
	// Table is the table whose statistics estimate the step's cost; nil
	// when the step touches no table data.
	Table *schema.QName
	// LongRunning asks for the long statement timeout (index builds,
	// validation, backfills).
	LongRunning  bool
	Hazards      []Hazard
	Preflight    []Preflight
	Rollback     []string
	Irreversible bool
	Backfill     *Backfill
}

var registry = map[string]Dialect{}

// Register makes a dialect available by name; dialect packages call it from init.
func Register(d Dialect) { registry[d.Name()] = d }

// Get returns the named dialect or an error listing the known ones.
func Get(name string) (Dialect, error) {
	if d, ok := registry[name]; ok {
		return d, nil
	}
	return nil, fmt.Errorf("unknown dialect %q (known: %v)", name, Names())
}

// Names lists the registered dialects, sorted.
func Names() []string {
	var n []string
	for k := range registry {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}
