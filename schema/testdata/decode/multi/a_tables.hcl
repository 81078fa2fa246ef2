table "orders" {
  column "id" { type = "bigint" }
  column "org_id" { type = "bigint" }
  column "status" {
    type = "order_status"
    default = "'${var.initial_status}'"
  }
  primary_key { columns = ["id"] }
  foreign_key "orders_org_fk" {
    columns     = ["org_id"]
    ref_table   = "orgs"
    ref_columns = ["id"]
  }
}
