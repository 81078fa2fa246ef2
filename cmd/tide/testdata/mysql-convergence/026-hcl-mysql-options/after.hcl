database { dialect = "mysql" }
table "events" {
  comment = "what happened"
  column "id" {
    type           = "bigint"
    unsigned       = true
    auto_increment = true
  }
  column "kind" {
    type      = "varchar(20)"
    null      = false
    collation = "utf8mb4_bin"
  }
  column "at" {
    type      = "datetime(3)"
    null      = false
    default   = "CURRENT_TIMESTAMP(3)"
    on_update = "now(3)"
  }
  column "payload" { type = "json" }
  column "status" {
    type    = "enum('new','done')"
    null    = false
    default = "'new'"
  }
  primary_key { columns = ["id"] }
  index "by_kind_at" {
    part {
      column = "kind"
      length = 5
    }
    part {
      column = "at"
      desc   = true
    }
  }
  check "kind_set" { expr = "kind <> ''" }
}
table "counters" {
  auto_increment = 500
  column "id" {
    type           = "int"
    auto_increment = true
  }
  primary_key { columns = ["id"] }
}
