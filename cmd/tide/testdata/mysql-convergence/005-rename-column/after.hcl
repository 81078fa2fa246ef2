database { dialect = "mysql" }
table "people" {
  column "id" {
    type = "int"
    null = false
  }
  column "display_name" {
    type         = "varchar(80)"
    null         = false
    default      = "''"
    renamed_from = "fullname"
  }
  primary_key { columns = ["id"] }
  index "by_name" { columns = ["display_name"] }
}
