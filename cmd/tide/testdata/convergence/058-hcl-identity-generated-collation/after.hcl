database {
  dialect = "postgres"
}

table "ledger" {
  comment = "Double-entry movements"

  column "id" {
    type     = "integer"
    null     = false
    identity = "by default"
  }
  column "debit" {
    type    = "numeric(12,2)"
    null    = false
    default = "0"
    comment = "Money out"
  }
  column "credit" {
    type    = "numeric(12,2)"
    null    = false
    default = "0"
    comment = "Money in"
  }
  column "memo" {
    type      = "text"
    collation = "C"
  }
  column "net" {
    type      = "numeric(12,2)"
    generated = "credit - debit"
  }

  primary_key { columns = ["id"] }
}
