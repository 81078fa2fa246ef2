# What we sell: categories (a tree) and products, and who looked at them.

table "categories" {
  engine  = local.engine
  charset = local.charset
  collate = local.collate
  comment = "A tree of product categories"

  column "id" {
    type           = "int"
    unsigned       = true
    auto_increment = true
  }
  column "parent_id" {
    type     = "int"
    unsigned = true
    null     = true
    comment  = "NULL for a top-level category"
  }
  column "name" {
    type = "varchar(100)"
    null = false
  }
  column "slug" {
    type      = "varchar(64)"
    null      = false
    charset   = "ascii"
    collation = "ascii_bin"
  }

  primary_key { columns = ["id"] }

  unique "categories_slug_key" { columns = ["slug"] }

  index "categories_parent_idx" { columns = ["parent_id"] }

  foreign_key "categories_parent_fk" {
    columns     = ["parent_id"]
    ref_table   = "categories"
    ref_columns = ["id"]
    on_delete   = "set null"
  }

  check "categories_slug_check" { expr = "slug REGEXP '^[a-z0-9-]+$'" }
}

table "products" {
  engine  = local.engine
  charset = local.charset
  collate = local.collate
  comment = "Everything that can be put in a basket"

  column "id" {
    type           = "bigint unsigned"
    auto_increment = true
  }
  column "sku" {
    type      = "varchar(32)"
    null      = false
    charset   = "ascii"
    collation = "ascii_general_ci"
    comment   = "Stock keeping unit, printed on the label"
  }
  column "name" {
    type = "varchar(200)"
    null = false
  }
  column "description" {
    type = "text"
    null = true
  }
  column "category_id" {
    type     = "int"
    unsigned = true
    null     = true
  }
  column "status" {
    type    = "enum('draft','active','discontinued')"
    null    = false
    default = "'draft'"
  }
  column "tags" {
    type    = "set('new','sale','eco')"
    null    = false
    default = "''"
  }
  column "price" {
    type = local.money
    null = false
  }
  column "currency" {
    type    = "char(3)"
    null    = false
    default = local.default_currency
  }
  column "attributes" {
    type    = "json"
    null    = true
    comment = "Free-form facets: colour, size, material"
  }
  column "created_at" {
    type    = "datetime"
    null    = false
    default = "CURRENT_TIMESTAMP"
  }
  column "updated_at" {
    type      = "datetime"
    null      = false
    default   = "CURRENT_TIMESTAMP"
    on_update = "CURRENT_TIMESTAMP"
  }

  primary_key { columns = ["id"] }

  unique "products_sku_key" { columns = ["sku"] }

  # Composite: serves the foreign key on category_id and the shop's
  # "active products of a category" listing.
  index "products_category_status_idx" { columns = ["category_id", "status"] }

  # The first 20 characters are enough to find a product by the start of its name.
  index "products_name_prefix_idx" {
    part {
      column = "name"
      length = 20
    }
  }

  foreign_key "products_category_fk" {
    columns     = ["category_id"]
    ref_table   = "categories"
    ref_columns = ["id"]
    on_delete   = "set null"
  }

  check "products_price_check" { expr = "price >= 0" }
}

# A busy log table. It has no foreign keys on purpose: its writes stay cheap,
# and an online schema change tool such as gh-ost can alter it.
table "product_views" {
  engine  = local.engine
  charset = local.charset
  collate = local.collate
  comment = "Who looked at what; no foreign keys, to keep this busy table cheap to write"

  column "id" {
    # Was int unsigned: four billion views are not enough.
    type           = "bigint unsigned"
    auto_increment = true
  }
  column "product_id" {
    type = "bigint unsigned"
    null = false
  }
  column "customer_id" {
    type    = "bigint unsigned"
    null    = true
    comment = "NULL for a visitor who is not signed in"
  }
  column "viewed_at" {
    type    = "datetime(3)"
    null    = false
    default = "CURRENT_TIMESTAMP(3)"
  }

  primary_key { columns = ["id"] }

  index "product_views_product_idx" { columns = ["product_id", "viewed_at"] }
}
