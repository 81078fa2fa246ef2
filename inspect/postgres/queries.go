package postgres

import (
	"strings"

	"github.com/tidedb/tide/dialects"
)

// The catalog is read with one query per object kind, each over every object
// in scope at once (the per-table ones over each half of the tables), so
// that the number of round trips never depends on the number of tables. The
// scope is decided once: the schemas, enums, sequences and tables queries
// take $1 = the schemas to read (NULL = all user schemas) and $2 = tide's
// bookkeeping schema, which is never read; the tables query returns the oid
// of every relation in scope, and the later queries take those oids as
// $1::oid[] instead of working the scope out again. Nothing is
// looked up per row that a join or the Go side can do: the server only does
// what needs its catalog functions (format_type, pg_get_expr, ...). Rows come
// in no particular order but for index keys (the Go side puts columns in
// order and schema.Sort the rest), which spares the server sorting them.

// extensionMember is an SQL condition that the object oid (an SQL
// expression) of catalog class (a regclass literal) is a member of an
// extension. The members are found from the extensions' side (pg_depend's
// reference index) and hashed once, rather than looked up for every row.
// The queries return it as a column, "skip", for the Go side to leave those
// objects out: in a WHERE clause, the planner cannot estimate it and may
// choose poor joins.
func extensionMember(class, oid string) string {
	return oid + ` IN (SELECT e.objid FROM pg_depend e WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e' AND e.classid = '` + class + `'::regclass)`
}

// namespaceInScope is the filter every query applies to a pg_namespace row
// n; the objects of a schema created by an extension are skipped as the
// extension's own (namespaceFromExtension).
const namespaceInScope = `n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' AND n.nspname <> $2
  AND ($1::text[] IS NULL OR n.nspname = ANY($1::text[]))`

// namespaceFromExtension is extensionMember for a pg_namespace row n.
var namespaceFromExtension = extensionMember("pg_namespace", "n.oid")

// qualifiedName renders a catalog object's name as "name" when it lives in
// pg_catalog or public and "schema.name" otherwise; ns and name are SQL
// expressions.
func qualifiedName(ns, name string) string {
	return `CASE WHEN ` + ns + ` IN ('pg_catalog', 'public') THEN ` + name + `::text ELSE ` + ns + ` || '.' || ` + name + ` END`
}

// collationName is a scalar subquery naming collation oid coll (an SQL
// expression) as qualifiedName does.
func collationName(coll string) string {
	return `(SELECT ` + qualifiedName("cn.nspname", "co.collname") +
		` FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = ` + coll + `)`
}

// queryNamespaces lists the user schemas in scope with their comments.
var queryNamespaces = `SELECT ` + namespaceFromExtension + ` AS skip, n.nspname,
  coalesce((SELECT d.description FROM pg_description d
    WHERE d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass AND d.objsubid = 0), '')
FROM pg_namespace n
WHERE ` + namespaceInScope

// queryTables lists every table-like relation tide may report (tables,
// partitioned tables, views, materialised views and foreign tables in scope,
// skipping those of an extension) with what tide needs to decide whether it
// can manage it and statistics ($3 = read sizes).
//
// A table's size is pg_total_relation_size, which opens the table and its
// indexes and so waits behind an ACCESS EXCLUSIVE lock on any of
// them (see lockwait.go). For a table with such a lock held or queued on
// it or one of its indexes when the query starts (pg_locks, read once: an
// ARRAY subquery is an init plan, where IN would be run again per row),
// the size is estimated instead from the pages pg_class counts for it, its
// indexes and its TOAST table (as of its last VACUUM, ANALYZE or index
// build), so that an ALTER TABLE running on a plain table does not hold
// up the inspection.
var queryTables = `SELECT ` + namespaceFromExtension + ` OR ` + extensionMember("pg_class", "c.oid") + ` AS skip,
  c.oid, n.nspname, c.relname, c.relkind::text, c.relispartition,
  EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid) AS inherits,
  c.relpersistence::text,
  c.reltuples::float8,
  CASE WHEN NOT $3::bool OR c.relkind <> 'r' THEN 0
    WHEN c.oid = ANY (ARRAY(SELECT coalesce(li.indrelid, l.relation) FROM pg_locks l LEFT JOIN pg_index li ON li.indexrelid = l.relation
                            WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock'
                              AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())))
    THEN (c.relpages::bigint + coalesce((SELECT sum(x.relpages) FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
                                          WHERE i.indrelid = c.oid), 0)
          + coalesce((SELECT t.relpages FROM pg_class t WHERE t.oid = c.reltoastrelid), 0)) * current_setting('block_size')::bigint
    ELSE pg_total_relation_size(c.oid) END
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ` + namespaceInScope

// queryColumns lists every column of the tables $1 with its number: the
// default or generation expression, and for a column whose (element) type is
// a domain, composite, range or multirange type outside pg_catalog and not
// from an extension, that type's kind (one letter, pg_type.typtype) followed
// by its name, as tide cannot manage those yet. A default cannot refer to
// columns, so it is printed without its table (relid 0), which spares the
// server opening the table to name them.
func queryColumns(v dialects.Version) string {
	generated := `a.attgenerated = 's'`
	if !v.AtLeast(12, 0) {
		generated = `false`
	}
	return `SELECT a.attrelid, a.attnum::int, a.attname::text, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
  ` + generated + `, coalesce(pg_get_expr(ad.adbin, CASE WHEN ` + generated + ` THEN ad.adrelid ELSE 0 END), ''),
  a.attidentity::text,
  CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN ` + collationName("a.attcollation") + ` ELSE '' END,
  CASE WHEN t.typnamespace <> 'pg_catalog'::regnamespace THEN coalesce((
    SELECT bt.typtype::text || format_type(bt.oid, NULL) FROM pg_type bt
    WHERE bt.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
      AND bt.typtype IN ('d', 'c', 'r', 'm') AND bt.typnamespace <> 'pg_catalog'::regnamespace
      AND NOT ` + extensionMember("pg_type", "bt.oid") + `), '') ELSE '' END
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped`
}

// queryConstraints lists the primary keys, unique, check, foreign key and
// exclusion constraints of the tables $1 with their key column numbers,
// separated by spaces (the Go side names them from the columns query). The
// referenced columns of a foreign key are named here only when the
// referenced table is not among $2, all the tables read. A check's
// expression is pg_get_expr of conbin, the text pg_get_constraintdef wraps
// in "CHECK (...)".
func queryConstraints(v dialects.Version) string {
	setCols := `false`
	if v.AtLeast(15, 0) {
		setCols = `con.confdelsetcols IS NOT NULL AND cardinality(con.confdelsetcols) > 0`
	}
	return `SELECT con.conrelid, con.conname::text, con.contype::text, coalesce(array_to_string(con.conkey, ' '), ''),
  coalesce(fn.nspname::text, ''), coalesce(fc.relname::text, ''), con.confrelid, coalesce(array_to_string(con.confkey, ' '), ''),
  CASE WHEN con.contype = 'f' AND NOT (con.confrelid = ANY($2::oid[])) THEN
    ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)
  END,
  con.confdeltype::text, con.confupdtype::text, con.confmatchtype::text, ` + setCols + `,
  con.condeferrable, con.condeferred, con.connoinherit,
  CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) ELSE '' END,
  CASE WHEN con.contype IN ('p', 'u', 'x') THEN con.conindid ELSE 0 END
FROM pg_constraint con
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.conrelid = ANY($1::oid[]) AND con.contype IN ('p', 'u', 'c', 'f', 'x')`
}

// queryIndexes lists every index of the tables $1, one row per index.
func queryIndexes(v dialects.Version) string {
	nullsNotDistinct := `false`
	if v.AtLeast(15, 0) {
		nullsNotDistinct = `i.indnullsnotdistinct`
	}
	return `SELECT i.indrelid, i.indexrelid, ic.relname::text, i.indisunique, am.amname::text,
  coalesce(pg_get_expr(i.indpred, i.indrelid), ''), i.indnatts::int, i.indnkeyatts::int,
  ` + nullsNotDistinct + `, i.indisvalid
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE i.indrelid = ANY($1::oid[])`
}

// queryIndexParts lists every key and INCLUDE column of the indexes $1, one
// row per position, in order: the table's column number (the Go side names
// it), or 0 and the text of an expression, and the options. Bit 1 of
// indoption is DESC, bit 2 NULLS FIRST. A collation is named only when it differs from
// the column's (or the expression's type's) own. Columns are looked up with
// scalar subqueries, which the planner runs as index probes per row, rather
// than joins, which it may turn into hashes of all of pg_attribute.
var queryIndexParts = `SELECT i.indexrelid, k.ord::int, k.attnum::int,
  CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) ELSE '' END,
  coalesce(i.indoption[k.ord - 1] & 1 <> 0, false), coalesce(i.indoption[k.ord - 1] & 2 <> 0, false),
  CASE WHEN k.ord <= i.indnkeyatts AND NOT opc.opcdefault THEN ` + qualifiedNameOpclass + ` ELSE '' END,
  CASE WHEN k.ord <= i.indnkeyatts AND i.indcollation[k.ord - 1] <> 0
        AND i.indcollation[k.ord - 1] <> CASE WHEN k.attnum <> 0
          THEN (SELECT a.attcollation FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = k.attnum)
          ELSE (SELECT kt.typcollation FROM pg_attribute ia JOIN pg_type kt ON kt.oid = ia.atttypid
                WHERE ia.attrelid = i.indexrelid AND ia.attnum = k.ord) END
    THEN ` + collationName("i.indcollation[k.ord - 1]") + `
  ELSE '' END
FROM pg_index i
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
LEFT JOIN pg_opclass opc ON k.ord <= i.indnkeyatts AND opc.oid = i.indclass[k.ord - 1]
LEFT JOIN pg_namespace opn ON opn.oid = opc.opcnamespace
WHERE i.indexrelid = ANY($1::oid[])
ORDER BY i.indexrelid, k.ord`

var qualifiedNameOpclass = qualifiedName("opn.nspname", "opc.opcname")

// queryComments lists the comments of the relations $1 (objsubid 0) and of
// their columns (objsubid = attnum). They are read apart, by oid, rather
// than joined to the tables and columns: the planner's estimate for
// pg_description is often far too low (its statistics rarely follow
// COMMENT ON), and a nested loop over it is quadratic.
const queryComments = `SELECT d.objoid, d.objsubid, d.description FROM pg_description d
WHERE d.classoid = 'pg_class'::regclass AND d.objoid = ANY($1::oid[])`

// queryEnums lists enum types with their labels in sort order.
var queryEnums = `SELECT ` + namespaceFromExtension + ` OR ` + extensionMember("pg_type", "t.oid") + ` AS skip,
  n.nspname, t.typname,
  ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND ` + namespaceInScope

// querySequences lists sequences with their parameters and owning column;
// for an owned sequence, the table's oid and the nextval() default that
// makes the column a serial column. Identity sequences (pg_depend 'i', which
// a sequence has instead of the 'a' of OWNED BY) are left out.
var querySequences = `SELECT ` + namespaceFromExtension + ` OR ` + extensionMember("pg_class", "c.oid") + ` AS skip,
  n.nspname, c.relname, format_type(s.seqtypid, NULL),
  s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
  coalesce(tn.nspname, ''), coalesce(tc.relname, ''), coalesce(ta.attname::text, ''),
  coalesce(tc.oid, 0), CASE WHEN tc.oid IS NOT NULL THEN format('nextval(%L::regclass)', c.oid::regclass::text) ELSE '' END
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class tc ON tc.oid = d.refobjid
LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace
LEFT JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid
WHERE ` + namespaceInScope + ` AND d.deptype IS DISTINCT FROM 'i'`

// queryViews lists the definitions of the views $1.
const queryViews = `SELECT c.oid, n.nspname, c.relname, pg_get_viewdef(c.oid, true)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = ANY($1::oid[])`

// queryViewDeps lists the tables and views each view $1 reads, from the
// dependencies of its rewrite rule.
const queryViewDeps = `SELECT DISTINCT rw.ev_class, dn.nspname, dc.relname
FROM pg_rewrite rw
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid AND d.refclassid = 'pg_class'::regclass
JOIN pg_class dc ON dc.oid = d.refobjid AND dc.oid <> rw.ev_class AND dc.relkind IN ('r', 'p', 'v', 'm', 'f')
JOIN pg_namespace dn ON dn.oid = dc.relnamespace
WHERE rw.ev_class = ANY($1::oid[])`

// trimViewDef strips pg_get_viewdef's surrounding blanks and final ";".
func trimViewDef(def string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(def), ";"))
}
