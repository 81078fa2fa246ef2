database {
  dialect = "postgres"
}

table "order_lines" {
  column "id" {
    type = "bigint"
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
  column "line_total" {
    type     = "numeric(14,2)"
    null     = false
    backfill = "qty * unit_price"
  }
  column "label" {
    type     = "text"
    null     = false
    backfill = "sku || ' x' || qty"
  }

  primary_key { columns = ["id"] }
}
