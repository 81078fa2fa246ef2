database {
  dialect = "postgres"
}

table "accounts" {
  column "id" {
    type = "bigint"
    null = false
  }
  column "email" {
    type         = "text"
    null         = false
    renamed_from = "mail"
  }
  column "score" {
    type    = "integer"
    default = "0"
  }
  primary_key {
    columns = ["id"]
  }
  unique "accounts_mail_key" {
    columns = ["email"]
  }
  check "accounts_mail_check" {
    expr = "email LIKE '%@%'"
  }
  index "accounts_mail_lower_idx" {
    on = ["lower(email)"]
  }
}
