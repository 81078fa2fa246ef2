database {
  dialect = "postgres"
}

table "order_lines" {
  column "id" {
    type = "integer"
    null = false
  }
  column "sku" {
    type = "text"
    null = false
  }
  column "qty" {
    type = "integer"
    null = false
  }
  column "unit_price" {
    type = "numeric(10,2)"
    null = false
  }
  column "total_cents" {
    type     = "bigint"
    null     = false
    default  = "0"
    backfill = "round(qty * unit_price * 100)::bigint"
  }
  column "currency" {
    type    = "character(3)"
    null    = false
    default = "'EUR'"
  }

  primary_key { columns = ["id"] }
}
