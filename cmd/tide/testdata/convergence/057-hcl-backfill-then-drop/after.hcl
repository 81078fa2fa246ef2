database {
  dialect = "postgres"
}

table "people" {
  column "id" {
    type = "integer"
    null = false
  }
  column "email" { type = "text" }
  column "full_name" {
    type     = "text"
    null     = false
    backfill = "trim(first_name || ' ' || coalesce(last_name, ''))"
  }
  column "email_domain" {
    type     = "text"
    backfill = "split_part(email, '@', 2)"
  }

  primary_key { columns = ["id"] }
}
