database {
  dialect = "postgres"
}

table "mailboxes" {
  column "id" {
    type = "bigint"
    null = false
  }
  column "email" {
    type = "text"
    null = false
  }
  column "local_part" {
    type     = "text"
    null     = false
    backfill = "split_part(email, '@', 1)"
  }
  column "domain" {
    type     = "text"
    null     = false
    backfill = "split_part(email, '@', 2)"
  }

  primary_key { columns = ["id"] }

  check "mailboxes_domain_check" { expr = "domain <> '' AND position('.' in domain) > 0" }

  index "mailboxes_domain_local_idx" {
    columns = ["domain", "local_part"]
    unique  = true
  }
}
