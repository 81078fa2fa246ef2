database {
  dialect = "postgres"
}

table "notes" {
  column "id" {
    type = "bigint"
    null = false
  }
  column "body" {
    type = "text"
  }
  column "has_body" {
    type     = "boolean"
    null     = false
    default  = "false"
    backfill = "body IS NOT NULL"
  }
  column "body_length" {
    type     = "integer"
    backfill = "length(body)"
  }
  primary_key {
    columns = ["id"]
  }
}
