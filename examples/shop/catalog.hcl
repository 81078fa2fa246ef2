# What we sell: categories (a tree) and products.

schema "catalog" {
  comment = "Products and the categories they are filed under"
}

enum "product_status" {
  schema = "catalog"
  values = ["draft", "active", "discontinued"]
}

table "categories" {
  schema  = "catalog"
  comment = "A tree of product categories"

  column "id" {
    type     = "integer"
    null     = false
    identity = "by default"
  }
  column "parent_id" {
    type    = "integer"
    comment = "NULL for a top-level category"
  }
  column "name" {
    type = "text"
    null = false
  }
  column "slug" {
    type = "varchar(64)"
    null = false
  }

  primary_key { columns = ["id"] }

  unique "categories_slug_key" { columns = ["slug"] }

  foreign_key "categories_parent_fk" {
    columns     = ["parent_id"]
    ref_table   = "categories"
    ref_columns = ["id"]
    on_delete   = "set null"
  }

  check "categories_slug_check" { expr = "slug ~ '^[a-z0-9-]+$'" }
}

table "products" {
  schema  = "catalog"
  comment = "Everything that can be put in a basket"

  column "id" {
    type     = "bigint"
    null     = false
    identity = "by default"
  }
  column "sku" {
    type    = "varchar(32)"
    null    = false
    comment = "Stock keeping unit, printed on the label"
  }
  column "name" {
    type = "text"
    null = false
  }
  column "description" { type = "text" }
  column "category_id" { type = "integer" }
  column "status" {
    type    = "catalog.product_status"
    null    = false
    default = "'draft'"
  }
  column "price" {
    type = local.money
    null = false
  }
  column "currency" {
    type    = "character(3)"
    null    = false
    default = local.default_currency
  }
  column "created_at" {
    type    = local.created_at_type
    null    = false
    default = local.created_at_default
  }
  column "attributes" {
    type    = "jsonb"
    null    = false
    default = "'{}'::jsonb"
    comment = "Free-form facets: colour, size, material"
  }

  primary_key { columns = ["id"] }

  unique "products_sku_key" { columns = ["sku"] }

  foreign_key "products_category_fk" {
    columns     = ["category_id"]
    ref_table   = "categories"
    ref_columns = ["id"]
    on_delete   = "set null"
  }

  check "products_price_check" { expr = "price >= 0" }

  index "products_category_idx" { columns = ["category_id"] }

  index "products_lower_name_idx" { on = ["lower(name)"] }

  index "products_sku_pattern_idx" {
    part {
      column  = "sku"
      opclass = "text_pattern_ops"
    }
  }

  index "products_attributes_idx" {
    columns = ["attributes"]
    using   = "gin"
  }

  index "products_active_created_idx" {
    part {
      column = "created_at"
      desc   = true
    }
    include = ["name", "price"]
    where   = "status = 'active'"
  }
}
