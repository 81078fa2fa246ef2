package mysql

import (
	"fmt"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Features the desired schema may use only on some servers. Without them a
// plan would fail in the shadow database with a syntax error, or (CHECK
// constraints before MySQL 8.0.16, which the server parses and ignores)
// never become empty: such objects are refused up front, naming the
// object, the server and what to do.
//
//   - CHECK constraints: enforced from MySQL 8.0.16 (MariaDB 10.2.1);
//   - expression defaults (a default other than a literal or the current
//     time): MySQL 8.0.13, MariaDB 10.2.1;
//   - index parts that are expressions (functional key parts): MySQL
//     8.0.13; MariaDB has none (index a generated column instead).

// mariaDBAtLeast reports whether the target is MariaDB major.minor.patch or
// later; offline MariaDB (no version) counts as the latest, and MySQL as
// not MariaDB.
func (r recipeContext) mariaDBAtLeast(major, minor, patch int) bool {
	if !r.mariaDB() {
		return false
	}
	return versionAtLeast(r.targetVersion(), major, minor, patch)
}

// targetVersion is the target's version: the plan's, else the server's
// (zero offline).
func (r recipeContext) targetVersion() dialects.Version {
	if r.env.Version.Flavor != "" {
		return r.env.Version
	}
	if r.d.Server != nil {
		return r.d.Server.Version
	}
	return dialects.Version{}
}

// versionAtLeast reports whether v is major.minor.patch or later; an
// unknown version (zero) counts as the latest.
func versionAtLeast(v dialects.Version, major, minor, patch int) bool {
	if v.Major == 0 {
		return true
	}
	if v.Major != major {
		return v.Major > major
	}
	if v.Minor != minor {
		return v.Minor > minor
	}
	return v.Patch >= patch
}

// serverName is "MySQL 8.0.12" or "MariaDB 10.11.6" for messages.
func serverName(v dialects.Version) string {
	name := "MySQL"
	if v.Flavor == "mariadb" {
		name = "MariaDB"
	}
	if v.Major == 0 {
		return name
	}
	return name + " " + v.String()
}

// unsupported refuses a change whose objects need a feature the target
// lacks (see above).
func (r recipeContext) unsupported(c schema.Change) error {
	v := r.targetVersion()
	if v.Flavor == "" && r.d.mariaDB() {
		v.Flavor = "mariadb"
	}
	switch c := c.(type) {
	case schema.AddTable:
		return tableFeatures(v, c.T)
	case schema.AddColumn:
		return columnFeatures(v, c.T, c.C)
	case schema.AlterColumn:
		return columnFeatures(v, c.T, c.To)
	case schema.AddIndex:
		return indexFeatures(v, c.T, c.I)
	case schema.AddCheck:
		return checkConstraintFeatures(v, c.T, c.C)
	}
	return nil
}

// serverFeatures refuses a schema whose objects need a feature the
// dialect's server lacks (nothing offline, where no server is known).
func (d Dialect) serverFeatures(s *schema.Schema) error {
	if d.Server == nil {
		return nil
	}
	for _, t := range s.Tables {
		if err := tableFeatures(d.Server.Version, t); err != nil {
			return err
		}
	}
	return nil
}

// tableFeatures checks every column, index and check of table t.
func tableFeatures(v dialects.Version, t *schema.Table) error {
	for _, c := range t.Columns {
		if err := columnFeatures(v, t, c); err != nil {
			return err
		}
	}
	for _, ix := range t.Indexes {
		if err := indexFeatures(v, t, ix); err != nil {
			return err
		}
	}
	for _, k := range t.Checks {
		if err := checkConstraintFeatures(v, t, k); err != nil {
			return err
		}
	}
	return nil
}

// columnFeatures refuses an expression default on a server without them.
func columnFeatures(v dialects.Version, t *schema.Table, c *schema.Column) error {
	if c.Default == "" || literalDefault(c.Default) {
		return nil
	}
	if v.Flavor == "mariadb" && versionAtLeast(v, 10, 2, 1) || v.Flavor != "mariadb" && versionAtLeast(v, 8, 0, 13) {
		return nil
	}
	return &schema.Error{Pos: c.Pos, Msg: fmt.Sprintf(
		"column %s.%s: its default %s is an expression, which %s does not accept (MySQL 8.0.13 and MariaDB 10.2 do); "+
			"give it a literal default or none, or upgrade the server", t.QName(), c.Name, c.Default, serverName(v))}
}

// indexFeatures refuses an index with an expression part on a server
// without functional key parts.
func indexFeatures(v dialects.Version, t *schema.Table, ix *schema.Index) error {
	for i, p := range ix.Parts {
		if p.Expr == "" {
			continue
		}
		switch {
		case v.Flavor == "mariadb":
			return &schema.Error{Pos: ix.Pos, Msg: fmt.Sprintf(
				"index %s on table %s: part %d is the expression %s, and %s cannot index expressions; "+
					"add a generated column holding the expression and index that column", ix.Name, t.QName(), i+1, p.Expr, serverName(v))}
		case !versionAtLeast(v, 8, 0, 13):
			return &schema.Error{Pos: ix.Pos, Msg: fmt.Sprintf(
				"index %s on table %s: part %d is the expression %s, which %s cannot index (MySQL 8.0.13 can); "+
					"add a generated column holding the expression and index that column, or upgrade the server", ix.Name, t.QName(), i+1, p.Expr, serverName(v))}
		}
	}
	return nil
}

// checkConstraintFeatures refuses a check constraint on a MySQL that does not
// enforce them: before 8.0.16 the server parses CHECK and drops it, so the
// inspector never sees it and a plan would add it again every time.
func checkConstraintFeatures(v dialects.Version, t *schema.Table, k *schema.Check) error {
	if v.Flavor == "mariadb" || versionAtLeast(v, 8, 0, 16) {
		return nil
	}
	return &schema.Error{Pos: k.Pos, Msg: fmt.Sprintf(
		"check %s on table %s: %s parses CHECK constraints and ignores them (MySQL enforces them from 8.0.16 on), "+
			"so the check would never exist; remove it from the desired schema or upgrade the server", k.Name, t.QName(), serverName(v))}
}
