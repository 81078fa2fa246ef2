database {
  dialect = "postgres"
}

table "people" {
  renamed_from = "members"

  column "id" {
    type = "integer"
    null = false
  }
  column "email" {
    type = "text"
    null = false
  }
  column "joined" {
    type = "date"
    null = false
  }

  primary_key {
    name    = "members_pkey"
    columns = ["id"]
  }

  check "members_email_check" { expr = "email LIKE '%@%'" }

  index "members_joined_idx" { columns = ["joined", "email"] }
}
