database { dialect = "mysql" }
table "accounts" {
  column "id" {
    type = "int"
    null = false
  }
  column "email" { type = "varchar(100)" }
  column "confirmed_token" { type = "varchar(40)" }
  column "confirmed" {
    type     = "tinyint(1)"
    null     = false
    default  = "0"
    backfill = "confirmed_token IS NOT NULL"
  }
  primary_key { columns = ["id"] }
}
