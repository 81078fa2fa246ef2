database {
  dialect = "postgres"
}

table "prices" {
  column "id" {
    type = "integer"
    null = false
  }
  column "sku" {
    type = "text"
    null = false
  }
  column "amount_cents" {
    type         = "bigint"
    null         = false
    default      = "0"
    renamed_from = "amount"
  }
  primary_key { columns = ["id"] }
  check "prices_amount_chk" { expr = "amount_cents >= 0" }
  index "prices_amount_idx" { columns = ["amount_cents"] }
}
