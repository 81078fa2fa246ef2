# The shop's desired schema, split over three files that tide merges:
#   main.hcl     the database block, variables and shared locals
#   catalog.hcl  what we sell (schema "catalog")
#   orders.hcl   who buys it and what they ordered (schema "sales")
#
# Plan it against a database loaded from ../shop-v1.sql (the previous release)
# to see a real migration:
#   tide plan --url "$URL" --to examples/shop
# Values can be changed at plan time, e.g. --var currency=USD.

database {
  dialect = "postgres"
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
  money = "numeric(12,2)"

  # Column defaults are SQL expressions; the currency is a quoted literal.
  default_currency = format("'%s'", upper(var.currency))

  # Every table keeps its creation time in the same way.
  created_at_type    = "timestamp with time zone"
  created_at_default = "now()"
}
