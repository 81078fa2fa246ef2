# Who buys, and what they ordered.

schema "sales" {
  comment = "Customers, orders and order lines"
}

enum "order_status" {
  schema = "sales"
  values = ["pending", "paid", "shipped", "delivered", "cancelled"]
}

table "customers" {
  schema = "sales"

  column "id" {
    type     = "bigint"
    null     = false
    identity = "by default"
  }
  column "email" {
    type = "varchar(255)"
    null = false
  }
  column "full_name" {
    type = "text"
    null = false
  }
  column "country" {
    type    = "character(2)"
    comment = "ISO 3166-1 alpha-2"
  }
  column "created_at" {
    type    = local.created_at_type
    null    = false
    default = local.created_at_default
  }

  primary_key { columns = ["id"] }

  index "customers_lower_email_key" {
    on     = ["lower(email)"]
    unique = true
  }

  check "customers_email_check" { expr = "position('@' in email) > 1" }
}

table "orders" {
  schema  = "sales"
  comment = "One checkout"

  column "id" {
    type     = "bigint"
    null     = false
    identity = "by default"
  }
  column "customer_id" {
    type = "bigint"
    null = false
  }
  column "status" {
    type    = "sales.order_status"
    null    = false
    default = "'pending'"
  }
  column "currency" {
    type    = "character(3)"
    null    = false
    default = local.default_currency
  }
  column "placed_at" {
    type    = local.created_at_type
    null    = false
    default = local.created_at_default
  }
  column "shipping_address" { type = "text" }

  primary_key { columns = ["id"] }

  foreign_key "orders_customer_fk" {
    columns     = ["customer_id"]
    ref_table   = "customers"
    ref_columns = ["id"]
    on_delete   = "restrict"
  }

  index "orders_customer_placed_idx" {
    part { column = "customer_id" }
    part {
      column = "placed_at"
      desc   = true
    }
  }

  index "orders_open_idx" {
    columns = ["placed_at"]
    where   = "status IN ('pending', 'paid')"
  }
}

table "order_lines" {
  schema = "sales"

  column "order_id" {
    type = "bigint"
    null = false
  }
  column "line_no" {
    type = "integer"
    null = false
  }
  column "product_id" {
    type = "bigint"
    null = false
  }
  column "qty" {
    type    = "integer"
    null    = false
    default = "1"
  }
  column "unit_price" {
    type = local.money
    null = false
  }
  column "line_total" {
    type      = local.money
    generated = "qty * unit_price"
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
    ref_table   = "catalog.products"
    ref_columns = ["id"]
    on_delete   = "restrict"
  }

  check "order_lines_qty_check" { expr = format("qty > 0 AND qty <= %d", var.max_qty) }

  index "order_lines_product_idx" { columns = ["product_id"] }
}

view "order_totals" {
  schema  = "sales"
  comment = "What each order comes to"
  as      = <<-SQL
    SELECT o.id AS order_id, o.customer_id, o.currency, sum(l.line_total) AS total
    FROM sales.orders o
    JOIN sales.order_lines l ON l.order_id = o.id
    GROUP BY o.id, o.customer_id, o.currency
  SQL
}
