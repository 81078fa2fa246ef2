database {
  dialect = "postgres"
}

table "employees" {
  column "id" {
    type = "integer"
    null = false
  }
  column "name" {
    type         = "text"
    null         = false
    renamed_from = "nm"
  }
  column "dept" { type = "text" }

  primary_key { columns = ["id"] }

  index "employees_nm_idx" { columns = ["name"] }
}

view "engineers" {
  as = "SELECT id, name FROM employees WHERE dept = 'eng' AND name <> ''"
}
