database {
  dialect = "postgres"
}

schema "inventory" {
  comment = "Stock on hand, per item"
}

table "items" {
  schema  = "inventory"
  comment = "Every item we keep in stock"

  column "id" {
    type = "integer"
    null = false
  }
  column "name" {
    type    = "text"
    null    = false
    comment = "Shown on the packing slip"
  }
  column "qty" {
    type    = "integer"
    null    = false
    default = "0"
    comment = "Units on hand"
  }
  column "notes" { type = "text" }

  primary_key { columns = ["id"] }
}

view "low_stock" {
  schema  = "inventory"
  as      = "SELECT id, name FROM inventory.items WHERE qty < 5"
  comment = "Items to reorder"
}
