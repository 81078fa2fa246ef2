database {
  dialect = "postgres"
}

schema "sales" {
  comment = "Orders and their lines"
}

table "customers" {
  column "id" {
    type = "integer"
    null = false
  }
  column "name" {
    type = "text"
    null = false
  }
  primary_key { columns = ["id"] }
}

table "products" {
  column "id" {
    type = "integer"
    null = false
  }
  column "sku" {
    type = "text"
    null = false
  }
  primary_key { columns = ["id"] }
  unique "products_sku_key" { columns = ["sku"] }
}

table "orders" {
  schema = "sales"

  column "id" {
    type = "integer"
    null = false
  }
  column "customer_id" {
    type = "integer"
    null = false
  }

  primary_key { columns = ["id"] }

  foreign_key "orders_customer_fk" {
    columns            = ["customer_id"]
    ref_table          = "public.customers"
    ref_columns        = ["id"]
    on_delete          = "restrict"
    deferrable         = true
    initially_deferred = true
  }
}

table "order_lines" {
  schema = "sales"

  column "order_id" {
    type = "integer"
    null = false
  }
  column "line_no" {
    type = "integer"
    null = false
  }
  column "product_id" {
    type = "integer"
    null = false
  }
  column "qty" {
    type    = "integer"
    null    = false
    default = "1"
  }

  primary_key { columns = ["order_id", "line_no"] }

  foreign_key "order_lines_order_fk" {
    columns     = ["order_id"]
    ref_table   = "orders"
    ref_columns = ["id"]
    on_delete   = "cascade"
  }
  foreign_key "order_lines_product_fk" {
    columns     = ["product_id"]
    ref_table   = "public.products"
    ref_columns = ["id"]
  }
}

table "order_line_notes" {
  schema = "sales"

  column "order_id" {
    type = "integer"
    null = false
  }
  column "line_no" {
    type = "integer"
    null = false
  }
  column "note" {
    type = "text"
    null = false
  }

  foreign_key "order_line_notes_line_fk" {
    columns     = ["order_id", "line_no"]
    ref_table   = "sales.order_lines"
    ref_columns = ["order_id", "line_no"]
    on_delete   = "cascade"
    on_update   = "cascade"
  }
}

table "reviews" {
  column "id" {
    type = "integer"
    null = false
  }
  column "order_id" { type = "integer" }
  column "stars" {
    type = "smallint"
    null = false
  }

  primary_key { columns = ["id"] }

  foreign_key "reviews_order_fk" {
    columns     = ["order_id"]
    ref_table   = "sales.orders"
    ref_columns = ["id"]
    on_delete   = "set null"
  }
}
