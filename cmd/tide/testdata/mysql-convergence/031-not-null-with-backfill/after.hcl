database { dialect = "mysql" }
table "profiles" {
  column "id" {
    type = "int"
    null = false
  }
  column "email" { type = "varchar(100)" }
  column "country" {
    type     = "char(2)"
    null     = false
    default  = "'XX'"
    backfill = "upper(substring_index(email, '.', -1))"
  }
  primary_key { columns = ["id"] }
}
