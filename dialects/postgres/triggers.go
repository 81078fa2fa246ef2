package postgres

import (
	"strings"

	"github.com/tidedb/tide/schema"
)

// Sync triggers keep two columns of a row in step while an expand/contract
// change runs: old application instances write one column, new ones the
// other, and the trigger fills in the one the writer did not set. Each
// trigger has a PL/pgSQL function of the same name in the table's schema.
// The create statements are re-runnable (CREATE OR REPLACE FUNCTION, then
// DROP TRIGGER IF EXISTS and CREATE TRIGGER), and so are the drop
// statements (IF EXISTS). CREATE TRIGGER takes a brief SHARE ROW EXCLUSIVE
// lock on the table: run the create statements in one short transaction with
// a lock_timeout. Triggers of a table fire in name order.

// SyncTriggerName is the name of the trigger (and of its function) that
// computes column target of table: <table>__tide_sync_<target>, both parts
// shortened (as PostgreSQL shortens generated names) to fit in 63 bytes.
func SyncTriggerName(table, target string) string {
	return tideObjectName(table, "__tide_sync_", target)
}

// RenameTriggerName is the name of the trigger (and of its function) that
// keeps a renamed column's old and new names in step:
// <table>__tide_rename_<newCol>, shortened to fit in 63 bytes.
func RenameTriggerName(table, newCol string) string {
	return tideObjectName(table, "__tide_rename_", newCol)
}

// SyncColumnTrigger returns the statements that create, and those that
// drop, a BEFORE INSERT OR UPDATE row trigger on t that sets column target
// to expr on every written row. expr is the user's SQL, written against the
// table's column names unqualified (amount::bigint, note IS NOT NULL); it
// is evaluated against the new row as
//
//	SELECT (expr) INTO NEW."target" FROM (SELECT NEW.*) AS tide_row
//
// with column names taking precedence over PL/pgSQL variables. Columns
// added to the table later do not disturb it.
func SyncColumnTrigger(t *schema.Table, target, expr string) (create, drop []string) {
	name := SyncTriggerName(t.Name, target)
	body := "#variable_conflict use_column\n" +
		"BEGIN\n" +
		"    SELECT (" + expr + ") INTO NEW." + quoteIdent(target) + " FROM (SELECT NEW.*) AS tide_row;\n" +
		"    RETURN NEW;\n" +
		"END"
	return triggerStatements(t, name, body), DropTrigger(t, name)
}

// RenameSyncTrigger returns the statements that create, and those that
// drop, the two-way sync trigger of an expand/contract rename of column
// oldCol to newCol (both columns exist while it runs, with the same type):
//
//   - on INSERT, when the writer left newCol unset (NULL, or equal to
//     newCol's default in t when that default is not volatile), newCol gets
//     oldCol's value; otherwise oldCol gets newCol's value. An "old" writer
//     that sets only oldCol and a "new" writer that sets only newCol both
//     end with the two columns equal; a writer that sets both differently
//     has newCol win.
//   - on UPDATE, when oldCol changed, newCol gets its value; else when
//     newCol changed, oldCol gets its value.
//
// t is the table as it is once newCol has been added; when it does not hold
// newCol, only NULL counts as unset.
func RenameSyncTrigger(t *schema.Table, oldCol, newCol string) (create, drop []string) {
	return RenameConvertTrigger(t, oldCol, newCol, "", "")
}

// RenameConvertTrigger is RenameSyncTrigger for a column renamed and
// retyped at once: newCol gets toNew (an expression of the row, written
// against the table's column names like SyncColumnTrigger's, that converts
// oldCol to newCol's type) and oldCol gets toOld (the conversion back). An
// empty expression copies the value as it is.
func RenameConvertTrigger(t *schema.Table, oldCol, newCol, toNew, toOld string) (create, drop []string) {
	name := RenameTriggerName(t.Name, newCol)
	o, n := "NEW."+quoteIdent(oldCol), "NEW."+quoteIdent(newCol)
	setNew, setOld := n+" := "+o+";", o+" := "+n+";"
	if toNew != "" {
		setNew = "SELECT (" + toNew + ") INTO " + n + " FROM (SELECT NEW.*) AS tide_row;"
	}
	if toOld != "" {
		setOld = "SELECT (" + toOld + ") INTO " + o + " FROM (SELECT NEW.*) AS tide_row;"
	}
	unset := n + " IS NULL"
	if c := t.Column(newCol); c != nil && c.Default != "" && !syncVolatileDefault(c.Default) {
		unset += " OR " + n + " IS NOT DISTINCT FROM " + renderDefault(c.Default)
	}
	body := "#variable_conflict use_column\n" +
		"BEGIN\n" +
		"    IF TG_OP = 'INSERT' THEN\n" +
		"        IF " + unset + " THEN\n" +
		"            " + setNew + "\n" +
		"        ELSE\n" +
		"            " + setOld + "\n" +
		"        END IF;\n" +
		"    ELSIF " + o + " IS DISTINCT FROM OLD." + quoteIdent(oldCol) + " THEN\n" +
		"        " + setNew + "\n" +
		"    ELSIF " + n + " IS DISTINCT FROM OLD." + quoteIdent(newCol) + " THEN\n" +
		"        " + setOld + "\n" +
		"    END IF;\n" +
		"    RETURN NEW;\n" +
		"END"
	return triggerStatements(t, name, body), DropTrigger(t, name)
}

// DropTrigger returns the statements that drop trigger name of t and its
// function of the same name in t's schema, each IF EXISTS.
func DropTrigger(t *schema.Table, name string) []string {
	return []string{
		"DROP TRIGGER IF EXISTS " + quoteIdent(name) + " ON " + qualified(t.QName()),
		"DROP FUNCTION IF EXISTS " + triggerFunction(t, name) + "()",
	}
}

// triggerStatements creates function name with body and a BEFORE INSERT OR
// UPDATE row trigger of the same name that calls it.
func triggerStatements(t *schema.Table, name, body string) []string {
	fn := triggerFunction(t, name)
	return []string{
		"CREATE OR REPLACE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS " + tideDollarQuote(body),
		"DROP TRIGGER IF EXISTS " + quoteIdent(name) + " ON " + qualified(t.QName()),
		"CREATE TRIGGER " + quoteIdent(name) + " BEFORE INSERT OR UPDATE ON " + qualified(t.QName()) +
			" FOR EACH ROW EXECUTE FUNCTION " + fn + "()",
	}
}

// triggerFunction is the qualified name of a trigger's function: name in
// t's schema.
func triggerFunction(t *schema.Table, name string) string {
	return qualified(schema.QName{Schema: t.Schema, Name: name})
}

// tideObjectName joins name1, infix and name2, shortening the longer of
// name1 and name2 (never the infix, never inside a UTF-8 character) until
// the result fits in 63 bytes, as PostgreSQL's makeObjectName does.
func tideObjectName(name1, infix, name2 string) string {
	avail := maxIdentifierLength - len(infix)
	n1, n2 := len(name1), len(name2)
	for n1+n2 > avail {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	return name1[:clipUTF8(name1, n1)] + infix + name2[:clipUTF8(name2, n2)]
}

// syncVolatileFunctions are functions whose value differs on every call: a
// default calling one cannot be compared with what a writer stored.
var syncVolatileFunctions = []string{
	"nextval(", "setval(", "clock_timestamp(", "timeofday(", "random(",
	"gen_random_uuid(", "uuid_generate_", "txid_current(", "pg_current_xact_id(",
}

// syncVolatileDefault reports whether a default expression calls a volatile
// function (by name; user functions are assumed not to be volatile).
func syncVolatileDefault(expr string) bool {
	e := strings.ToLower(strings.ReplaceAll(expr, " ", ""))
	for _, f := range syncVolatileFunctions {
		if strings.Contains(e, f) {
			return true
		}
	}
	return false
}
