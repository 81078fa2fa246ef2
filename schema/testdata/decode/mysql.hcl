database {
  dialect = "mysql"
}

table "products" {
  schema  = "shop"
  engine  = "InnoDB"
  charset = "utf8mb4"
  collate = "utf8mb4_0900_ai_ci"

  column "id" {
    type           = "bigint"
    unsigned       = true
    auto_increment = true
  }
  column "sku" {
    type    = "varchar(64)"
    null    = false
    charset = "ascii"
  }
  column "title" { type = "varchar(255)" }

  primary_key { columns = ["id"] }

  index "products_title_idx" {
    part {
      column = "title"
      length = 32
    }
  }
  unique "products_sku_key" { columns = ["sku"] }
}

schema "shop" {}
