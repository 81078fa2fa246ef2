package postgres

import (
	"strings"

	"github.com/tidedb/tide/dialects"
)

// The catalog is read with one query per object kind, each over every table
// in scope at once, so that the number of round trips never depends on the
// number of tables. Every query takes $1 = the schemas to read (NULL = all
// user schemas) and $2 = tide's bookkeeping schema, which is never read.

// namespaceInScope is the filter every query applies to a pg_namespace row n.
const namespaceInScope = `n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' AND n.nspname <> $2
  AND ($1::text[] IS NULL OR n.nspname = ANY($1::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid AND e.deptype = 'e')`

// relationsInScope is a CTE of every table-like relation tide may report:
// tables, partitioned tables, views, materialised views and foreign tables
// in scope and not owned by an extension.
const relationsInScope = `WITH rels AS (
  SELECT c.oid, n.nspname, c.relname, c.relkind
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ` + namespaceInScope + `
    AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
)
`

// qualifiedName renders a catalog object's name as "name" when it lives in
// pg_catalog or public and "schema.name" otherwise; ns and name are SQL
// expressions.
func qualifiedName(ns, name string) string {
	return `CASE WHEN ` + ns + ` IN ('pg_catalog', 'public') THEN ` + name + `::text ELSE ` + ns + ` || '.' || ` + name + ` END`
}

// queryNamespaces lists the user schemas in scope with their comments.
const queryNamespaces = `SELECT n.nspname, coalesce(obj_description(n.oid, 'pg_namespace'), '')
FROM pg_namespace n
WHERE ` + namespaceInScope + `
ORDER BY n.nspname`

// queryTables lists every table-like relation with what tide needs to decide
// whether it can manage it, its comment and statistics ($3 = read sizes).
const queryTables = relationsInScope + `SELECT r.oid, r.nspname, r.relname, r.relkind::text, c.relispartition,
  EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = r.oid) AS inherits,
  c.relpersistence::text,
  coalesce(obj_description(r.oid, 'pg_class'), ''),
  c.reltuples::float8,
  CASE WHEN $3::bool AND r.relkind = 'r' THEN pg_total_relation_size(r.oid) ELSE 0 END
FROM rels r JOIN pg_class c ON c.oid = r.oid
ORDER BY r.nspname, r.relname`

// queryColumns lists every column of every table in scope, in attnum order.
// serial_sequence is the sequence the column owns (pg_depend 'a') whose
// nextval() is exactly the column's default, if any.
func queryColumns(v dialects.Version) string {
	generated := `a.attgenerated::text`
	if !v.AtLeast(12, 0) {
		generated = `''::text`
	}
	return relationsInScope + `SELECT r.oid, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
  CASE WHEN ` + generated + ` = 's' THEN '' ELSE coalesce(def.expr, '') END,
  CASE WHEN ` + generated + ` = 's' THEN coalesce(def.expr, '') ELSE '' END,
  a.attidentity::text,
  CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
    (SELECT ` + qualifiedName("cn.nspname", "co.collname") + ` FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation)
  ELSE '' END,
  coalesce(dsc.description, ''),
  bt.typtype::text, CASE WHEN bt.typnamespace <> 'pg_catalog'::regnamespace THEN format_type(bt.oid, NULL) ELSE '' END,
  (bt.typnamespace <> 'pg_catalog'::regnamespace
    AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = bt.oid AND e.deptype = 'e')) AS user_type,
  coalesce(own.relname, '')
FROM rels r
JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type bt ON bt.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN LATERAL (SELECT pg_get_expr(ad.adbin, ad.adrelid) AS expr) def ON true
LEFT JOIN pg_description dsc ON dsc.objoid = r.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = a.attnum
LEFT JOIN LATERAL (
  SELECT s.relname FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
    AND d.refobjid = r.oid AND d.refobjsubid = a.attnum AND d.deptype = 'a'
    AND s.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = r.oid)
    AND def.expr = format('nextval(%L::regclass)', s.oid::regclass::text)
  LIMIT 1
) own ON def.expr LIKE 'nextval(%'  -- only a nextval() default can make a serial column
WHERE r.relkind IN ('r', 'p', 'f')
ORDER BY r.oid, a.attnum`
}

// queryConstraints lists primary keys, unique, check, foreign key and
// exclusion constraints with their columns in key order.
func queryConstraints(v dialects.Version) string {
	setCols := `false`
	if v.AtLeast(15, 0) {
		setCols = `con.confdelsetcols IS NOT NULL AND cardinality(con.confdelsetcols) > 0`
	}
	return relationsInScope + `SELECT r.oid, con.conname, con.contype::text,
  ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
  coalesce(fn.nspname, ''), coalesce(fc.relname, ''),
  ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord),
  con.confdeltype::text, con.confupdtype::text, con.confmatchtype::text, ` + setCols + `,
  con.condeferrable, con.condeferred, con.connoinherit,
  CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid) ELSE '' END,
  coalesce((SELECT ix.indnatts > ix.indnkeyatts FROM pg_index ix WHERE ix.indexrelid = con.conindid AND con.contype IN ('p', 'u')), false)
FROM rels r
JOIN pg_constraint con ON con.conrelid = r.oid AND con.contype IN ('p', 'u', 'c', 'f', 'x')
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE r.relkind IN ('r', 'p', 'f')
ORDER BY r.oid, con.conname`
}

// queryIndexes lists every index of every table in scope, one row per index.
func queryIndexes(v dialects.Version) string {
	nullsNotDistinct := `false`
	if v.AtLeast(15, 0) {
		nullsNotDistinct = `i.indnullsnotdistinct`
	}
	return relationsInScope + `SELECT r.oid, i.indexrelid, ic.relname, i.indisunique, am.amname::text,
  coalesce(pg_get_expr(i.indpred, i.indrelid), ''), i.indnkeyatts::int,
  EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')),
  ` + nullsNotDistinct + `, i.indisvalid
FROM rels r
JOIN pg_index i ON i.indrelid = r.oid
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE r.relkind IN ('r', 'p', 'f')
ORDER BY r.oid, ic.relname`
}

// queryIndexParts lists every key and INCLUDE column of every index in scope,
// one row per position. Bit 1 of indoption is DESC, bit 2 NULLS FIRST.
var queryIndexParts = relationsInScope + `SELECT i.indexrelid, k.ord::int, coalesce(a.attname::text, ''),
  CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) ELSE '' END,
  coalesce(i.indoption[k.ord - 1] & 1 <> 0, false), coalesce(i.indoption[k.ord - 1] & 2 <> 0, false),
  CASE WHEN k.ord <= i.indnkeyatts AND NOT opc.opcdefault THEN ` + qualifiedNameOpclass + ` ELSE '' END,
  CASE WHEN k.ord <= i.indnkeyatts AND i.indcollation[k.ord - 1] <> 0
        AND i.indcollation[k.ord - 1] <> CASE WHEN k.attnum <> 0 THEN a.attcollation ELSE kt.typcollation END THEN
    (SELECT ` + qualifiedName("cn.nspname", "co.collname") + ` FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = i.indcollation[k.ord - 1])
  ELSE '' END
FROM rels r
JOIN pg_index i ON i.indrelid = r.oid
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
LEFT JOIN pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = k.ord
LEFT JOIN pg_type kt ON kt.oid = ia.atttypid
LEFT JOIN pg_opclass opc ON k.ord <= i.indnkeyatts AND opc.oid = i.indclass[k.ord - 1]
LEFT JOIN pg_namespace opn ON opn.oid = opc.opcnamespace
WHERE r.relkind IN ('r', 'p', 'f')
ORDER BY i.indexrelid, k.ord`

var qualifiedNameOpclass = qualifiedName("opn.nspname", "opc.opcname")

// queryEnums lists enum types with their labels in sort order.
const queryEnums = `SELECT n.nspname, t.typname,
  ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND ` + namespaceInScope + `
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
ORDER BY n.nspname, t.typname`

// querySequences lists sequences with their parameters and owning column.
// Identity sequences (pg_depend 'i') are left out.
const querySequences = `SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL),
  s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
  coalesce(tn.nspname, ''), coalesce(tc.relname, ''), coalesce(ta.attname::text, '')
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'
LEFT JOIN pg_class tc ON tc.oid = d.refobjid
LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace
LEFT JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid
WHERE ` + namespaceInScope + `
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype IN ('e', 'i'))
ORDER BY n.nspname, c.relname`

// queryViews lists the definitions and comments of views in scope.
const queryViews = relationsInScope + `SELECT r.oid, r.nspname, r.relname, pg_get_viewdef(r.oid, true),
  coalesce(obj_description(r.oid, 'pg_class'), '')
FROM rels r WHERE r.relkind = 'v'
ORDER BY r.nspname, r.relname`

// queryViewDeps lists the tables and views each view in scope reads, from
// the dependencies of its rewrite rule.
const queryViewDeps = relationsInScope + `SELECT DISTINCT r.oid, dn.nspname, dc.relname
FROM rels r
JOIN pg_rewrite rw ON rw.ev_class = r.oid
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid AND d.refclassid = 'pg_class'::regclass
JOIN pg_class dc ON dc.oid = d.refobjid AND dc.oid <> r.oid AND dc.relkind IN ('r', 'p', 'v', 'm', 'f')
JOIN pg_namespace dn ON dn.oid = dc.relnamespace
WHERE r.relkind = 'v'
ORDER BY r.oid, dn.nspname, dc.relname`

// trimViewDef strips pg_get_viewdef's surrounding blanks and final ";".
func trimViewDef(def string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(def), ";"))
}
