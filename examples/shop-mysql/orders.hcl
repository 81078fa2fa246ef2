# Who buys, and what they ordered.

table "customers" {
  engine  = local.engine
  charset = local.charset
  collate = local.collate
  comment = "People who have bought something"

  column "id" {
    type           = "bigint unsigned"
    auto_increment = true
  }
  column "email" {
    type = "varchar(255)"
    null = false
  }
  column "full_name" {
    type         = "varchar(200)"
    null         = false
    renamed_from = "name"
  }
  column "email_domain" {
    type     = "varchar(255)"
    null     = false
    default  = "''"
    backfill = "substring_index(email, '@', -1)"
    comment  = "Where the customer's mail goes; filled from email for existing rows"
  }
  column "phone" {
    type    = "varchar(32)"
    null    = true
    comment = "E.164, for delivery questions"
  }
  column "created_at" {
    type    = "datetime"
    null    = false
    default = "CURRENT_TIMESTAMP"
  }

  primary_key { columns = ["id"] }

  unique "customers_email_key" { columns = ["email"] }

  check "customers_email_check" { expr = "locate('@', email) > 1" }
}

table "orders" {
  engine  = local.engine
  charset = local.charset
  collate = local.collate
  comment = "One checkout"

  column "id" {
    type           = "bigint unsigned"
    auto_increment = true
  }
  column "customer_id" {
    type = "bigint unsigned"
    null = false
  }
  column "status" {
    type    = "enum('pending','paid','shipped','cancelled','refunded')"
    null    = false
    default = "'pending'"
  }
  column "currency" {
    type    = "char(3)"
    null    = false
    default = local.default_currency
  }
  column "placed_at" {
    type    = "datetime(3)"
    null    = false
    default = "CURRENT_TIMESTAMP(3)"
  }
  column "updated_at" {
    type      = "datetime(3)"
    null      = true
    on_update = "CURRENT_TIMESTAMP(3)"
  }
  column "shipping_address" {
    type = "text"
    null = true
  }

  primary_key { columns = ["id"] }

  index "orders_customer_placed_idx" { columns = ["customer_id", "placed_at"] }
  index "orders_status_idx" { columns = ["status"] }

  foreign_key "orders_customer_fk" {
    columns     = ["customer_id"]
    ref_table   = "customers"
    ref_columns = ["id"]
    on_delete   = "restrict"
  }
}

table "order_lines" {
  engine  = local.engine
  charset = local.charset
  collate = local.collate
  comment = "What was ordered, one product per line"

  column "order_id" {
    type = "bigint unsigned"
    null = false
  }
  column "line_no" {
    type = "smallint unsigned"
    null = false
  }
  column "product_id" {
    type = "bigint unsigned"
    null = false
  }
  column "qty" {
    type    = "int unsigned"
    null    = false
    default = "1"
  }
  column "unit_price" {
    type = local.money
    null = false
  }

  primary_key { columns = ["order_id", "line_no"] }

  index "order_lines_product_idx" { columns = ["product_id"] }

  foreign_key "order_lines_order_fk" {
    columns     = ["order_id"]
    ref_table   = "orders"
    ref_columns = ["id"]
    on_delete   = "cascade"
  }

  foreign_key "order_lines_product_fk" {
    columns     = ["product_id"]
    ref_table   = "products"
    ref_columns = ["id"]
    on_delete   = "restrict"
  }

  check "order_lines_qty_check" { expr = format("qty BETWEEN 1 AND %d", var.max_qty) }
}
