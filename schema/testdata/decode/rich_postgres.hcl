# A rich PostgreSQL desired state: every block and attribute of the language.
database {
  dialect = "postgres"
}

variable "app" {
  type        = string
  default     = "shop"
  description = "application name, used in comments"
}

variable "email_length" {
  type    = number
  default = 255
}

locals {
  statuses = ["pending", "paid", "shipped"]
  audit    = "${local.app_upper} audit"
  app_upper = upper(var.app)
}

schema "public" {}

schema "billing" {
  comment = format("billing data of %s", var.app)
}

enum "order_status" {
  values = concat(local.statuses, ["refunded"])
}

enum "currency" {
  schema = "billing"
  values = split(",", "EUR,USD,GBP")
}

sequence "invoice_no" {
  schema    = "billing"
  type      = "bigint"
  start     = 1000
  increment = 1
  min_value = -5
  max_value = 9223372036854775807
  cache     = 20
  cycle     = true
  owned_by  = "invoices.number"
}

table "orgs" {
  column "id" {
    type     = "bigint"
    identity = "always"
  }
  column "name" {
    type      = "text"
    null      = false
    collation = "C"
  }
  primary_key {
    name    = "orgs_pk"
    columns = ["id"]
  }
}

table "users" {
  comment      = "Registered ${var.app} users"
  renamed_from = "accounts"
  rename       = "direct"

  column "id" {
    type     = "bigint"
    identity = "BY  DEFAULT"
  }
  column "email" {
    type = "varchar(${var.email_length})"
    null = false
  }
  column "email_verified" {
    type     = "boolean"
    null     = false
    default  = "false"
    backfill = "email_confirmation_token IS NOT NULL"
  }
  column "full_name" {
    type         = "text"
    renamed_from = "name"
    comment      = trimspace("  display name  ")
  }
  column "qty" { type = "integer" }
  column "price" {
    type  = "numeric(12,2)"
    using = "price::numeric(12,2)"
  }
  column "total" {
    type      = "numeric(12,2)"
    generated = "qty * price"
  }
  column "status" {
    type    = "order_status"
    default = "'pending'::order_status"
  }
  column "org_id" { type = "bigint" }
  column "deleted_at" { type = "timestamptz" }

  primary_key { columns = ["id"] }

  index "users_lower_email_idx" {
    on      = ["lower(email)"]
    unique  = true
    where   = "deleted_at IS NULL"
    using   = "btree"
    include = ["full_name"]
  }
  index "users_org_status_idx" {
    on = ["org_id", "status"]
  }
  index "users_name_trgm_idx" {
    using = "gin"
    part {
      expr    = "lower(full_name)"
      opclass = "gin_trgm_ops"
    }
  }
  index "users_created_idx" {
    part {
      column = "deleted_at"
      desc   = true
      nulls  = "last"
    }
    part {
      column    = "email"
      collation = "C"
    }
  }

  unique "users_email_key" {
    columns            = ["email"]
    deferrable         = true
    initially_deferred = true
  }

  foreign_key "users_org_fk" {
    columns     = ["org_id"]
    ref_table   = "orgs"
    ref_columns = ["id"]
    on_delete   = "cascade"
    on_update   = "No Action"
  }

  check "users_email_chk" { expr = "position('@' in email) > 1" }
  check "users_qty_chk" {
    expr       = "qty >= 0"
    no_inherit = true
  }
}

table "invoices" {
  schema  = "billing"
  comment = local.audit

  column "number" {
    type    = "bigint"
    null    = false
    default = "nextval('billing.invoice_no')"
  }
  column "user_id" { type = "bigint" }
  column "currency" { type = "billing.currency" }
  column "note" {
    type    = "text"
    default = "'say \"hi\" and $${not_a_var} or %%{x}'"
  }

  primary_key { columns = ["number"] }

  foreign_key "invoices_user_fk" {
    columns     = ["user_id"]
    ref_table   = "public.users"
    ref_columns = ["id"]
    on_delete   = "set null"
  }
}

view "active_users" {
  comment = "users not deleted"
  as      = <<-SQL
    SELECT id, email
    FROM users
    WHERE deleted_at IS NULL
  SQL
}

view "big_invoices" {
  schema     = "billing"
  depends_on = ["invoices", "public.users"]
  as         = "SELECT * FROM billing.invoices WHERE number > ${length(local.statuses) * 1000}"
}
