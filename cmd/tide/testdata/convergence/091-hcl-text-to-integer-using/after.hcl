database {
  dialect = "postgres"
}

table "parts" {
  column "id" {
    type = "bigint"
    null = false
  }
  column "code" {
    type  = "integer"
    null  = false
    using = "trim(code)::integer"
  }
  column "name" {
    type = "text"
  }
  primary_key {
    columns = ["id"]
  }
}
