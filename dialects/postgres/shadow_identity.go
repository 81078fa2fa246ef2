package postgres

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Identity columns through a shadow column
//
// An identity column (GENERATED … AS IDENTITY) whose type changes (integer
// → bigint, the usual widening of a key) is moved like any other column: a
// shadow column of the new type, kept equal to the conversion of the old
// one by the sync trigger, backfilled. The shadow itself has no default and
// no identity while the old column is the identity: every INSERT still takes
// its value from the identity's sequence for the old column, and the
// trigger copies it into the shadow (a nextval() default on the shadow would
// spend a second value per row, which the trigger then overwrites). The
// trigger never writes the old column, so a GENERATED ALWAYS identity keeps
// refusing, and accepting, what it did.
//
// An identity sequence cannot change owner (ALTER SEQUENCE … OWNED BY
// refuses it) and DROP IDENTITY drops it, so the swap re-creates it for the
// new column: under the ACCESS EXCLUSIVE lock of the table (no INSERT can
// take a value meanwhile) it reads the sequence's options, value and grants,
// drops the identity of the old column, adds the identity to the new one
// (ADD GENERATED … AS IDENTITY) under the same sequence name with the same
// options — bounds that were the old type's own become the new type's — sets
// the value (setval with is_called, so the next row follows the last one)
// and grants again what was granted on the old sequence. The identity's kind
// (ALWAYS or BY DEFAULT) is the desired one. The rollback does the same
// back, after filling the old column of the rows written since the swap and
// making it NOT NULL again (an identity column must be).

// identityMoveSQL is the statement that moves the identity of column from of
// t (its sequence found by pg_get_serial_sequence) to column to, as kind
// (schema.IdentityAlways or IdentityByDefault); see the top of this file.
// Column to must be NOT NULL, without default. Run it in a transaction: it
// takes the table's ACCESS EXCLUSIVE lock first.
func identityMoveSQL(t *schema.Table, from, to, kind string) string {
	table := qualified(t.QName())
	sqlTable := quoteLiteral(table)
	body := "DECLARE\n" +
		"    seq regclass := pg_get_serial_sequence(" + sqlTable + ", " + quoteLiteral(from) + ")::regclass;\n" +
		"    seqname text;\n" +
		"    owner oid;\n" +
		"    acl aclitem[];\n" +
		"    s pg_sequence;\n" +
		"    lo bigint;\n" +
		"    hi bigint;\n" +
		"    last bigint;\n" +
		"    called boolean;\n" +
		"    g record;\n" +
		"BEGIN\n" +
		"    LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE;\n" +
		"    IF seq IS NULL THEN\n" +
		"        RAISE EXCEPTION 'tide: column % of % has no identity sequence to move', " + quoteLiteral(from) + ", " + sqlTable + ";\n" +
		"    END IF;\n" +
		"    SELECT format('%I.%I', n.nspname, c.relname), c.relowner, c.relacl INTO seqname, owner, acl\n" +
		"        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = seq;\n" +
		"    SELECT * INTO s FROM pg_sequence WHERE seqrelid = seq;\n" +
		"    EXECUTE format('SELECT last_value, is_called FROM %s', seqname) INTO last, called;\n" +
		"    lo := CASE s.seqtypid WHEN 'smallint'::regtype THEN -32768 WHEN 'integer'::regtype THEN -2147483648 ELSE -9223372036854775808 END;\n" +
		"    hi := CASE s.seqtypid WHEN 'smallint'::regtype THEN 32767 WHEN 'integer'::regtype THEN 2147483647 ELSE 9223372036854775807 END;\n" +
		"    " + alterTable(t, "ALTER COLUMN "+quoteIdent(from)+" DROP IDENTITY") + ";\n" +
		"    EXECUTE format(" + quoteLiteral(strings.ReplaceAll(alterTable(t, "ALTER COLUMN "+quoteIdent(to)+" ADD "+identityClause(kind)), "%", "%%")+
		" (SEQUENCE NAME %s START WITH %s INCREMENT BY %s %s %s CACHE %s %s)") + ",\n" +
		"        seqname, s.seqstart, s.seqincrement,\n" +
		"        CASE WHEN s.seqmin = lo THEN 'NO MINVALUE' ELSE 'MINVALUE ' || s.seqmin END,\n" +
		"        CASE WHEN s.seqmax = hi THEN 'NO MAXVALUE' ELSE 'MAXVALUE ' || s.seqmax END,\n" +
		"        s.seqcache, CASE WHEN s.seqcycle THEN 'CYCLE' ELSE 'NO CYCLE' END);\n" +
		"    PERFORM setval(seqname::regclass, last, called);\n" +
		"    FOR g IN SELECT * FROM aclexplode(acl) WHERE grantee <> owner LOOP\n" +
		"        EXECUTE format('GRANT %s ON SEQUENCE %s TO %s%s', g.privilege_type, seqname,\n" +
		"            CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE g.grantee::regrole::text END,\n" +
		"            CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);\n" +
		"    END LOOP;\n" +
		"END"
	return tideDoBlock(body)
}

// identityMoved reports whether the move keeps an identity column an
// identity (its identity goes to the shadow in the swap).
func (m *shadowMove) identityMoved() bool {
	return m.from.Identity != "" && m.to.Identity != ""
}

// identitySwap is the statement of the swap (before the columns change
// names) that moves the identity from the column to its shadow, or nil.
func (m *shadowMove) identitySwap() []string {
	if !m.identityMoved() {
		return nil
	}
	return []string{identityMoveSQL(m.t, m.col, m.shadow, m.to.Identity)}
}

// identityBack is the rollback of identitySwap, to run after the copies'
// rollback and before the columns change names back (the new column is still
// called col, the old one OldColumnName(col)): the old column gets the
// values of the rows written since the swap, NOT NULL, and the identity
// back, with its old kind.
func (m *shadowMove) identityBack() []string {
	if !m.identityMoved() {
		return nil
	}
	old := quoteIdent(OldColumnName(m.col))
	return []string{
		"UPDATE " + qualified(m.t.QName()) + " SET " + old + " = " + quoteIdent(m.col) + "::" + m.from.Type + " WHERE " + old + " IS NULL",
		alterTable(m.t, "ALTER COLUMN "+old+" SET NOT NULL"),
		identityMoveSQL(m.t, m.col, OldColumnName(m.col), m.from.Identity),
	}
}

// identityPhrase describes the identity's move for a swap summary ("" when
// the column is no identity).
func (m *shadowMove) identityPhrase() string {
	if !m.identityMoved() {
		return ""
	}
	return fmt.Sprintf("the identity of %s.%s (%s) moves to the new column with its sequence's value", m.t.QName(), m.col, identityKeyword(m.to.Identity))
}

// identityHazards are the hazards of moving the identity in the swap: the
// sequence is re-created (anything depending on it by its oid stops the
// swap), and a BY DEFAULT identity that becomes ALWAYS refuses the values
// writers give from then on.
func (m *shadowMove) identityHazards() []dialects.Hazard {
	if !m.identityMoved() {
		return nil
	}
	q := m.t.QName().String() + "." + m.col
	hs := []dialects.Hazard{hazard(dialects.HazardValidationMayFail,
		fmt.Sprintf("the identity sequence of %s is dropped and created again for the new column (same name, options, value and grants): the swap fails, changing nothing, when another object uses that sequence (a nextval() default elsewhere)", q))}
	if m.from.Identity == schema.IdentityByDefault && m.to.Identity == schema.IdentityAlways {
		hs = append(hs, hazard(dialects.HazardBreaksClients,
			fmt.Sprintf("from the swap on, an INSERT that gives %s a value fails (GENERATED ALWAYS; OVERRIDING SYSTEM VALUE is needed)", q)))
	}
	return hs
}
