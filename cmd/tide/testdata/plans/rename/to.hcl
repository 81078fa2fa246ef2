database { dialect = "postgres" }

table "customers" {
  column "id" { type = "bigint" }
  column "full_name" {
    type         = "text"
    null         = false
    renamed_from = "name"
  }
  column "email" { type = "varchar(255)" }
  primary_key { columns = ["id"] }
  index "customers_email_idx" {
    columns = ["email"]
    unique  = true
  }
}

table "orders" {
  renamed_from = "legacy_orders"
  column "id" { type = "bigint" }
  column "customer_id" { type = "bigint" }
  primary_key {
    name    = "legacy_orders_pkey"
    columns = ["id"]
  }
  foreign_key "legacy_orders_customer_id_fkey" {
    columns     = ["customer_id"]
    ref_table   = "customers"
    ref_columns = ["id"]
  }
}
