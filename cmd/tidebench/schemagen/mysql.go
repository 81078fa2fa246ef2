package schemagen

import (
	"fmt"
	"strings"
)

// MySQL returns the schema as one MySQL/MariaDB DDL script for the
// database the script is loaded into: the same tables, keys, foreign keys,
// checks, indexes, defaults and comments as SQL, in MySQL's spelling
// (Schemas is ignored: a MySQL schema is the database itself).
func MySQL(o Options) string {
	var b strings.Builder
	b.Grow(o.Tables * 900)
	for i := 0; i < o.Tables; i++ {
		fmt.Fprintf(&b, "CREATE TABLE t%05d (\n", i)
		b.WriteString(`  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name varchar(200) NOT NULL,
  email varchar(320),
  status enum('new','active','closed') NOT NULL DEFAULT 'new',
  amount decimal(12,2) NOT NULL DEFAULT 0 CHECK (amount >= 0),
  created_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  parent_id bigint`)
		if o.Variant > 0 && i%20 == 0 {
			b.WriteString(",\n  note text")
		}
		fmt.Fprintf(&b, ",\n  UNIQUE KEY t%05d_name_key (name),\n", i)
		idx := "created_at"
		if o.Variant > 0 && i%25 == 0 {
			idx = "created_at, id"
		}
		fmt.Fprintf(&b, "  KEY t%05d_created_idx (%s),\n", i, idx)
		fmt.Fprintf(&b, "  KEY t%05d_email_idx (email(20))\n", i)
		fmt.Fprintf(&b, ") ENGINE=InnoDB COMMENT='generated table %d';\n", i)
	}
	for i := 1; i < o.Tables; i++ {
		fmt.Fprintf(&b, "ALTER TABLE t%05d ADD CONSTRAINT t%05d_parent_fk FOREIGN KEY (parent_id) REFERENCES t%05d (id) ON DELETE SET NULL;\n",
			i, i, i-1)
	}
	return b.String()
}
