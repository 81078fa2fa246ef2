database {
  dialect = "postgres"
}

table "countries" {
  column "id" {
    type = "integer"
    null = false
  }
  column "iso" {
    type = "character(2)"
    null = false
  }
  column "name" {
    type = "text"
    null = false
  }
  primary_key { columns = ["id"] }
  unique "countries_iso_key" { columns = ["iso"] }
}

table "addresses" {
  column "id" {
    type = "bigint"
    null = false
  }
  column "street" {
    type = "text"
    null = false
  }
  column "country_id" {
    type     = "integer"
    null     = false
    backfill = "(SELECT c.id FROM countries c WHERE c.iso = country)"
  }

  primary_key { columns = ["id"] }

  index "addresses_country_idx" { columns = ["country_id"] }

  foreign_key "addresses_country_fk" {
    columns     = ["country_id"]
    ref_table   = "countries"
    ref_columns = ["id"]
  }
}
