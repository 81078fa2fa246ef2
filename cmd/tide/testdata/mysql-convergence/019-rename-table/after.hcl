database { dialect = "mysql" }
table "customers" {
  renamed_from = "clients"
  column "id" {
    type = "int"
    null = false
  }
  column "name" { type = "varchar(20)" }
  primary_key { columns = ["id"] }
}
