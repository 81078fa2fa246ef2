database {
  dialect = "postgres"
}

table "people" {
  column "id" {
    type = "integer"
    null = false
  }
  column "family_name" {
    type         = "varchar(100)"
    null         = false
    renamed_from = "surname"
  }
  column "age" { type = "integer" }

  primary_key { columns = ["id"] }

  index "people_surname_idx" { columns = ["family_name"] }
}

table "visits" {
  column "id" {
    type = "integer"
    null = false
  }
  column "person_id" {
    type         = "integer"
    null         = false
    renamed_from = "person"
  }
  column "at" {
    type = "date"
    null = false
  }

  primary_key { columns = ["id"] }

  foreign_key "visits_person_fk" {
    columns     = ["person_id"]
    ref_table   = "people"
    ref_columns = ["id"]
  }
}
