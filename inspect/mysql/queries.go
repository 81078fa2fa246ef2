package mysql

// The catalog queries. Each reads one information_schema view for the
// whole database (? is the database name), so an inspection makes the same
// five round trips whatever the number of tables. The index and check
// queries differ between MySQL and MariaDB; every query returns the same
// columns on both.

// queryTables lists the database's tables and views with their options and
// statistics.
const queryTables = `SELECT TABLE_NAME, TABLE_TYPE, coalesce(ENGINE, ''), coalesce(TABLE_COLLATION, ''), TABLE_COMMENT,
  AUTO_INCREMENT, coalesce(CREATE_OPTIONS, ''), TABLE_ROWS, coalesce(DATA_LENGTH, 0) + coalesce(INDEX_LENGTH, 0)
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ?
ORDER BY TABLE_NAME`

// queryColumns lists the columns of every table, in table and column order.
const queryColumns = `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,
  CHARACTER_SET_NAME, COLLATION_NAME, GENERATION_EXPRESSION, COLUMN_COMMENT
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = ?
ORDER BY TABLE_NAME, ORDINAL_POSITION`

// queryIndexesMariaDB lists every index key part. MariaDB has no
// functional indexes (EXPRESSION) and says IGNORED (10.6+) where MySQL
// says IS_VISIBLE; %s is the visibility expression.
const queryIndexesMariaDB = `SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME, NULL, SUB_PART, NON_UNIQUE, INDEX_TYPE,
  coalesce(COLLATION, 'A'), INDEX_COMMENT, %s
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = ?
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`

// queryIndexesMySQL is queryIndexesMariaDB for MySQL 8.
const queryIndexesMySQL = `SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME, EXPRESSION, SUB_PART, NON_UNIQUE, INDEX_TYPE,
  coalesce(COLLATION, 'A'), INDEX_COMMENT, IS_VISIBLE = 'YES'
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = ?
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`

// queryForeignKeys lists every foreign key column with its referenced
// column, in key order. Both information_schema tables are restricted to
// the database by a constant: the server does not carry the join's
// equality over to KEY_COLUMN_USAGE, which would otherwise open every
// table of every database on the server (slow on a big server, and
// waiting for any table another session holds an exclusive lock on).
const queryForeignKeys = `SELECT rc.TABLE_NAME, rc.CONSTRAINT_NAME, rc.UPDATE_RULE, rc.DELETE_RULE,
  k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME
FROM information_schema.REFERENTIAL_CONSTRAINTS rc
JOIN information_schema.KEY_COLUMN_USAGE k
  ON k.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = rc.TABLE_NAME AND k.CONSTRAINT_NAME = rc.CONSTRAINT_NAME
WHERE rc.CONSTRAINT_SCHEMA = ? AND k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY rc.TABLE_NAME, rc.CONSTRAINT_NAME, k.ORDINAL_POSITION`

// queryChecksMariaDB lists the check constraints (one declared in a column
// definition is named after its column).
const queryChecksMariaDB = `SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, 'YES'
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = ?
ORDER BY TABLE_NAME, CONSTRAINT_NAME`

// queryChecksMySQL is queryChecksMariaDB for MySQL 8.0.16+, whose
// CHECK_CONSTRAINTS has no table name (check names are unique in a
// database) and whose checks may be NOT ENFORCED.
const queryChecksMySQL = `SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, tc.ENFORCED
FROM information_schema.CHECK_CONSTRAINTS cc
JOIN information_schema.TABLE_CONSTRAINTS tc
  ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME AND tc.CONSTRAINT_TYPE = 'CHECK'
WHERE cc.CONSTRAINT_SCHEMA = ? AND tc.TABLE_SCHEMA = ?
ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME`
