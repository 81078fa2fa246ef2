database {
  dialect = "postgres"
}

schema "billing" {
  comment = "billing data of shop"
}

schema "public" {
}

enum "currency" {
  schema = "billing"
  values = ["EUR", "USD", "GBP"]
}

enum "order_status" {
  schema = "public"
  values = ["pending", "paid", "shipped", "refunded"]
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

table "invoices" {
  schema  = "billing"
  comment = "SHOP audit"

  column "number" {
    type    = "bigint"
    null    = false
    default = "nextval('billing.invoice_no')"
  }

  column "user_id" {
    type = "bigint"
  }

  column "currency" {
    type = "billing.currency"
  }

  column "note" {
    type    = "text"
    default = "'say \"hi\" and $${not_a_var} or %%{x}'"
  }

  primary_key {
    columns = ["number"]
  }

  foreign_key "invoices_user_fk" {
    columns     = ["user_id"]
    ref_table   = "public.users"
    ref_columns = ["id"]
    on_delete   = "set null"
  }
}

table "orgs" {
  schema = "public"

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
  schema       = "public"
  comment      = "Registered shop users"
  renamed_from = "accounts"
  rename       = "direct"

  column "id" {
    type     = "bigint"
    identity = "by default"
  }

  column "email" {
    type = "varchar(255)"
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
    comment      = "display name"
    renamed_from = "name"
  }

  column "qty" {
    type = "integer"
  }

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

  column "org_id" {
    type = "bigint"
  }

  column "deleted_at" {
    type = "timestamptz"
  }

  primary_key {
    columns = ["id"]
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

  index "users_lower_email_idx" {
    unique  = true
    on      = ["lower(email)"]
    where   = "deleted_at IS NULL"
    using   = "btree"
    include = ["full_name"]
  }

  index "users_name_trgm_idx" {
    part {
      expr    = "lower(full_name)"
      opclass = "gin_trgm_ops"
    }
    using = "gin"
  }

  index "users_org_status_idx" {
    columns = ["org_id", "status"]
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
    on_update   = "no action"
  }

  check "users_email_chk" {
    expr = "position('@' in email) > 1"
  }

  check "users_qty_chk" {
    expr       = "qty >= 0"
    no_inherit = true
  }
}

view "big_invoices" {
  schema     = "billing"
  depends_on = ["billing.invoices", "public.users"]
  as         = "SELECT * FROM billing.invoices WHERE number > 3000"
}

view "active_users" {
  schema  = "public"
  comment = "users not deleted"
  as      = "SELECT id, email\nFROM users\nWHERE deleted_at IS NULL\n"
}
