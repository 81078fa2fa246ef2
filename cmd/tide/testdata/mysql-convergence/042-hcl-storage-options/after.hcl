# Storage options in HCL: a table is compressed (row_format and
# key_block_size), another's key block size changes and it gains an explicit
# row_format; both are rebuilt in place with their rows.
database { dialect = "mysql" }

table "logs" {
  row_format     = "compressed"
  key_block_size = 8
  column "id" {
    type           = "bigint"
    null           = false
    auto_increment = true
  }
  column "line" {
    type = "varchar(255)"
    null = false
  }
  primary_key { columns = ["id"] }
}

table "blobs" {
  row_format     = "COMPRESSED"
  key_block_size = 8
  column "id" {
    type = "int"
    null = false
  }
  column "data" {
    type = "mediumtext"
  }
  primary_key { columns = ["id"] }
}
