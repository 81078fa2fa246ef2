# The shop's desired schema for MySQL 8 and MariaDB 10.5+, split over three
# files that tide merges:
#   main.hcl     the database block, variables and shared locals
#   catalog.hcl  what we sell: categories and products
#   orders.hcl   who buys it and what they ordered
#
# One URL is one database (a MySQL "schema"), so no table names a schema.
# Plan it against a database loaded from ../shop-mysql-v1.sql (the previous
# release) to see a real migration:
#   tide plan --url mysql://root@127.0.0.1:3306/shop --to examples/shop-mysql
# Values can be changed at plan time, e.g. --var currency=USD.

database {
  dialect = "mysql"
}

variable "currency" {
  type        = string
  default     = "EUR"
  description = "ISO 4217 code new products and orders are priced in"
}

variable "max_qty" {
  type        = number
  default     = 1000
  description = "Largest quantity one order line may ask for"
}

locals {
  # Money is stored as an exact decimal, never a float.
  money = "decimal(12,2)"

  # Column defaults are SQL expressions; the currency is a quoted literal.
  default_currency = format("'%s'", upper(var.currency))

  # Every table is InnoDB, in utf8mb4 with a language-aware collation.
  engine  = "InnoDB"
  charset = "utf8mb4"
  collate = "utf8mb4_unicode_ci"
}
