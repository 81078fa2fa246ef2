database {
  dialect = "postgres"
}

table "events" {
  column "id" {
    type = "bigint"
    null = false
  }
  column "kind" {
    type = "text"
    null = false
  }
  column "created_at" {
    type = "timestamptz"
    null = false
  }
  column "day" {
    type     = "date"
    null     = false
    backfill = "(created_at AT TIME ZONE 'UTC')::date"
  }
  column "token" {
    type    = "uuid"
    null    = false
    default = "gen_random_uuid()"
  }
  primary_key { columns = ["id"] }
}
