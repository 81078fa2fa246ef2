database {
  dialect = "postgres"
}

table "users" {
  renamed_from = "accounts"

  column "id" {
    type     = "bigint"
    null     = false
    identity = "by default"
  }
  column "email" {
    type = "text"
    null = false
  }
  column "created_at" {
    type    = "timestamp with time zone"
    null    = false
    default = "now()"
  }

  primary_key { columns = ["id"] }

  unique "users_email_key" { columns = ["email"] }

  check "users_email_check" { expr = "email <> ''" }

  index "users_created_at_idx" { columns = ["created_at"] }
}

table "sessions" {
  column "id" {
    type = "bigint"
    null = false
  }
  column "account_id" {
    type = "bigint"
    null = false
  }
  column "expires_at" { type = "timestamptz" }

  primary_key { columns = ["id"] }

  foreign_key "sessions_account_id_fkey" {
    columns     = ["account_id"]
    ref_table   = "users"
    ref_columns = ["id"]
  }
}
