# The same schema as shop.sql, written the loose way people write HCL:
# synonyms, upper case, unsigned apart from the type, a unique constraint,
# an explicit BTREE, RESTRICT, and no index for the foreign key.
database {
  dialect = "mysql"
}

table "customers" {
  engine         = "innodb"
  charset        = "utf8"
  collate        = "utf8_general_ci"
  comment        = "people"
  auto_increment = 1

  column "id" {
    type           = "BIGINT(20)"
    unsigned       = true
    auto_increment = true
  }
  column "email" {
    type      = "character varying(255)"
    null      = false
    charset   = "ASCII"
    collation = "ASCII_BIN"
  }
  column "active" {
    type    = "bool"
    null    = false
    default = "TRUE"
  }
  column "updated_at" {
    type      = "timestamp"
    default   = "CURRENT_TIMESTAMP"
    on_update = "now()"
  }
  column "score" {
    type      = "int(11)"
    generated = "id*2"
    virtual   = true
  }
  column "note" {
    type    = "varchar(20)"
    default = "NULL"
  }

  primary_key {
    name    = "pk_customers"
    columns = ["id"]
  }
  unique "email_key" { columns = ["email"] }
  index "by_email_prefix" {
    part {
      column = "email"
      length = 10
    }
    using = "BTREE"
  }
  check "id_positive" { expr = "id>0" }
}

table "orders" {
  column "id" {
    type = "integer"
    null = false
  }
  column "customer_id" {
    type = "bigint unsigned"
  }
  primary_key { columns = ["id"] }
  foreign_key "orders_customer" {
    columns     = ["customer_id"]
    ref_table   = "customers"
    ref_columns = ["id"]
    on_delete   = "restrict"
    on_update   = "cascade"
  }
}
