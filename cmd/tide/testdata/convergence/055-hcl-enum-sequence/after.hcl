database {
  dialect = "postgres"
}

enum "plan" {
  values = ["free", "team", "pro", "enterprise"]
}

enum "region" {
  values = ["eu", "us", "apac"]
}

sequence "invoice_seq" {
  type      = "bigint"
  start     = 100
  increment = 1
  owned_by  = "accounts.invoice_no"
}

sequence "receipt_seq" {
  type      = "integer"
  start     = 10
  increment = 5
  min_value = 10
  max_value = 100000
  cache     = 1
  cycle     = true
}

table "accounts" {
  column "id" {
    type = "integer"
    null = false
  }
  column "plan" {
    type    = "plan"
    null    = false
    default = "'free'"
  }
  column "invoice_no" {
    type    = "bigint"
    default = "nextval('invoice_seq')"
  }
  column "region" {
    type    = "region"
    null    = false
    default = "'eu'"
  }

  primary_key { columns = ["id"] }
}
