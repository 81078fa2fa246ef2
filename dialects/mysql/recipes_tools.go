package mysql

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tidedb/tide/schema"
)

// The online schema change tools' command lines, offered where a step
// blocks writes to a table that has rows (ALGORITHM=COPY, or INPLACE with
// LOCK=SHARED): gh-ost and pt-online-schema-change copy the table in the
// background while writes go on, and swap it in at the end.

// onlineTools is the sentence offering the tools that make the change of
// clauses (ALTER TABLE clauses, without ALGORITHM= and LOCK=) to table t
// while writes continue: command lines that run as printed — the target's
// host, port and user (offline, placeholders to fill in; never a password:
// both tools prompt for it) — and what the tools do differently on a table
// in foreign key relationships. gh-ost refuses tables that have or are
// referenced by foreign keys, so only pt-online-schema-change is offered
// there.
func (r recipeContext) onlineTools(t *schema.Table, clauses []string) string {
	alter := strings.Join(clauses, ", ")
	host, port, user := r.toolTarget()
	db := r.toolDatabase(t)
	own := r.foreignKeysOf(t)
	for _, c := range clauses {
		if strings.Contains(c, "FOREIGN KEY") && strings.HasPrefix(c, "ADD ") {
			own = append(own, "the one this step adds")
		}
	}
	children := r.referencingTables(t)
	dsn := strings.Join([]string{"h=" + dsnValue(host), "P=" + dsnValue(port), "u=" + dsnValue(user),
		"D=" + dsnValue(db), "t=" + dsnValue(t.Name)}, ",")
	pt := "pt-online-schema-change --ask-pass --alter=" + shellQuote(alter)
	if len(children) > 0 {
		pt += " --alter-foreign-keys-method=rebuild_constraints"
	}
	pt += " " + shellQuote(dsn) + " --execute"
	var b strings.Builder
	b.WriteString("to keep writes flowing on a large table, make the change with ")
	if len(own) == 0 && len(children) == 0 {
		// tide's URL is the primary (tide runs its DDL there), so gh-ost is
		// pointed at it and told that this is intended: --allow-on-master.
		fmt.Fprintf(&b, "an online schema change tool instead (both prompt for the password): "+
			"gh-ost --host=%s --port=%s --user=%s --ask-pass --allow-on-master --database=%s --table=%s --alter=%s --execute, or %s",
			shellQuote(host), shellQuote(port), shellQuote(user), shellQuote(db), shellQuote(t.Name), shellQuote(alter), pt)
	} else {
		var rel []string
		if len(own) > 0 {
			rel = append(rel, "has foreign keys")
		}
		if len(children) > 0 {
			rel = append(rel, "is referenced by "+columnList(children))
		}
		fmt.Fprintf(&b, "pt-online-schema-change instead (it prompts for the password; gh-ost refuses the table, which %s): %s",
			strings.Join(rel, " and "), pt)
		if len(children) > 0 {
			b.WriteString("; rebuild_constraints points the referencing tables' foreign keys at the new copy with an ALTER TABLE of each of them")
		}
		b.WriteString("; pt-online-schema-change gives the foreign keys it recreates new names (a leading underscore added, or removed when the name has one): ")
		var whose []string
		if len(own) > 0 {
			whose = append(whose, fmt.Sprintf("those of %s", t.QName()))
		}
		if len(children) > 0 {
			whose = append(whose, "those of "+columnList(children)+" that reference it")
		}
		fmt.Fprintf(&b, "%s, which tide then reports as drift until they are renamed back or the desired schema uses the new names",
			strings.Join(whose, " and "))
	}
	if cur := r.current(t); cur != nil && len(cur.RowKey()) == 0 {
		fmt.Fprintf(&b, "; both tools need a primary key or a unique key on NOT NULL columns, which %s lacks", t.QName())
	}
	return b.String()
}

// toolTarget is the host, port and user of the tools' command lines: the
// target's, or placeholders offline.
func (r recipeContext) toolTarget() (host, port, user string) {
	host, port, user = "<host>", "<port>", "<user>"
	if s := r.d.Server; s != nil {
		if s.Host != "" {
			host = s.Host
		}
		if s.Port != "" {
			port = s.Port
		}
		if s.User != "" {
			user = s.User
		}
	}
	return host, port, user
}

// toolDatabase is the database of table t in the tools' command lines: its
// own, else the connection's; offline (no server), the connection's
// database is a placeholder, as offline plans name no target.
func (r recipeContext) toolDatabase(t *schema.Table) string {
	db := t.Schema
	if db == "" {
		db = r.d.Database
	}
	if db == "" || r.d.Server == nil && db == r.d.Database {
		return "<database>"
	}
	return db
}

// foreignKeysOf names the foreign keys of the current table t.
func (r recipeContext) foreignKeysOf(t *schema.Table) []string {
	cur := r.current(t)
	if cur == nil {
		cur = t
	}
	var names []string
	for _, fk := range cur.ForeignKeys {
		names = append(names, fk.Name)
	}
	return names
}

// referencingTables names the current tables other than t that have a
// foreign key referencing t, sorted.
func (r recipeContext) referencingTables(t *schema.Table) []string {
	if r.env.Current == nil {
		return nil
	}
	q := t.QName()
	if old, ok := r.env.RenamedTables[q]; ok {
		q = old
	}
	var out []string
	for _, other := range r.env.Current.Tables {
		if other.QName() == q {
			continue
		}
		for _, fk := range other.ForeignKeys {
			ref := fk.RefQName()
			if ref.Schema == "" {
				ref.Schema = other.Schema
			}
			if ref == q {
				out = append(out, other.QName().String())
				break
			}
		}
	}
	slices.Sort(out)
	return out
}

// cascadingForeignKeys names the foreign keys of the current table t with
// ON DELETE or ON UPDATE CASCADE or SET NULL.
func (r recipeContext) cascadingForeignKeys(t *schema.Table) []string {
	cur := r.current(t)
	if cur == nil {
		cur = t
	}
	var names []string
	for _, fk := range cur.ForeignKeys {
		for _, action := range []string{fk.OnDelete, fk.OnUpdate} {
			if action == schema.ActionCascade || action == schema.ActionSetNull {
				names = append(names, fk.Name)
				break
			}
		}
	}
	return names
}

// dsnValue escapes a value of a pt-online-schema-change DSN, whose parts
// are separated by commas: a comma in a value is written \,.
func dsnValue(s string) string { return strings.ReplaceAll(s, ",", `\,`) }
