database {
  dialect = "postgres"
}

table "customers" {
  column "id" {
    type = "integer"
    null = false
  }
  column "full_name" {
    type         = "text"
    null         = false
    renamed_from = "name"
  }
  column "postal_code" {
    type         = "varchar(10)"
    renamed_from = "zip"
  }

  primary_key { columns = ["id"] }

  check "customers_zip_chk" { expr = "length(postal_code) >= 4" }

  index "customers_postal_idx" { columns = ["postal_code"] }
}
