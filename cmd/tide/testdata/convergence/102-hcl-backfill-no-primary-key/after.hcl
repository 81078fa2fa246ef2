database {
  dialect = "postgres"
}

table "logs" {
  column "line" {
    type = "text"
    null = false
  }
  column "at" {
    type = "timestamp with time zone"
  }
  column "len" {
    type     = "integer"
    null     = false
    backfill = "length(line)"
  }
  column "uid" {
    type    = "uuid"
    default = "gen_random_uuid()"
  }
}
