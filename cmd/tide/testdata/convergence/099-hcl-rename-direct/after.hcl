database {
  dialect = "postgres"
}

table "employees" {
  renamed_from = "staff"
  rename       = "direct"

  column "id" {
    type = "integer"
    null = false
  }
  column "name" {
    type         = "text"
    null         = false
    renamed_from = "nm"
  }
  primary_key {
    name    = "staff_pkey"
    columns = ["id"]
  }
  index "staff_nm_idx" {
    columns = ["name"]
  }
}
