database {
  dialect = "postgres"
}

table "items" {
  column "id" {
    type = "integer"
    null = false
  }
  column "code" {
    type  = "integer"
    using = "trim(code)::integer"
  }
  column "price" {
    type  = "numeric(10,2)"
    null  = false
    using = "round(price::numeric, 2)"
  }
  column "released" {
    type  = "date"
    using = "released::date"
  }

  primary_key { columns = ["id"] }
}
