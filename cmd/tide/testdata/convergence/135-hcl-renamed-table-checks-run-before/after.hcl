database {
  dialect = "postgres"
}

table "customers" {
  renamed_from = "clients"

  column "id" {
    type = "integer"
    null = false
  }
  column "email" {
    type = "text"
    null = false
  }
  column "tier" {
    type    = "integer"
    null    = false
    default = "1"
  }
  primary_key {
    name    = "clients_pkey"
    columns = ["id"]
  }
  unique "customers_email_key" { columns = ["email"] }
  check "customers_tier_chk" { expr = "tier BETWEEN 1 AND 3" }
}

table "invoices" {
  column "id" {
    type = "integer"
    null = false
  }
  column "client_id" {
    type = "integer"
    null = false
  }
  column "total" {
    type = "numeric(10,2)"
    null = false
  }
  primary_key { columns = ["id"] }
  foreign_key "invoices_client_fk" {
    columns     = ["client_id"]
    ref_table   = "customers"
    ref_columns = ["id"]
  }
}
