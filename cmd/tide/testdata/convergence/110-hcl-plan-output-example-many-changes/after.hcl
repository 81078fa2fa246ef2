database {
  dialect = "postgres"
}

table "accounts" {
  column "id" {
    type = "bigint"
    null = false
  }
  column "name" {
    type = "text"
    null = false
  }
  primary_key { columns = ["id"] }
}

table "payments" {
  column "id" {
    type = "bigint"
    null = false
  }
  column "account_id" {
    type = "bigint"
    null = false
  }
  column "amount" {
    type = "bigint"
    null = false
  }
  column "note" { type = "text" }
  column "created_at" {
    type = "timestamp with time zone"
    null = false
  }
  column "has_note" {
    type     = "boolean"
    null     = false
    default  = "false"
    backfill = "note IS NOT NULL"
  }

  primary_key { columns = ["id"] }

  index "payments_account_created_idx" { columns = ["account_id", "created_at"] }

  foreign_key "payments_account_fk" {
    columns     = ["account_id"]
    ref_table   = "accounts"
    ref_columns = ["id"]
  }

  check "payments_amount_chk" { expr = "amount >= 0" }
}
