database {
  dialect = "postgres"
}

table "customers" {
  renamed_from = "clients"

  column "id" {
    type = "integer"
    null = false
  }
  column "name" {
    type = "text"
    null = false
  }
  column "tier" {
    type    = "text"
    default = "'basic'"
  }
  primary_key {
    name    = "clients_pkey"
    columns = ["id"]
  }
}
