database {
  dialect = "postgres"
}

variable "app_schema" {
  type        = string
  default     = "crm"
  description = "Schema that holds the CRM tables"
}

variable "default_country" {
  type    = string
  default = "fr"
}

locals {
  team       = "sales"
  money      = "numeric(12,2)"
  id_type    = "bigint"
  deals_name = "deals"
}

schema "crm" {
  comment = join(" ", [upper("crm"), "tables", "for", "the", local.team, "team"])
}

table "contacts" {
  schema  = var.app_schema
  comment = format("Contacts of the %s team", local.team)

  column "id" {
    type = local.id_type
    null = false
  }
  column "email" {
    type = "text"
    null = false
  }
  column "country" {
    type    = "character(2)"
    default = format("'%s'", upper(var.default_country))
  }
  column "lifetime_value" {
    type    = local.money
    null    = false
    default = "0"
  }

  primary_key { columns = ["id"] }

  index "contacts_lower_email_idx" {
    on     = ["lower(email)"]
    unique = true
  }
}

table "deals" {
  schema = var.app_schema

  column "id" {
    type     = local.id_type
    null     = false
    identity = "by default"
  }
  column "contact_id" {
    type = local.id_type
    null = false
  }
  column "amount" {
    type = local.money
    null = false
  }
  column "stage" {
    type    = "text"
    null    = false
    default = format("'%s'", lower("LEAD"))
  }

  primary_key { columns = ["id"] }

  foreign_key "deals_contact_fk" {
    columns     = ["contact_id"]
    ref_table   = format("%s.contacts", var.app_schema)
    ref_columns = ["id"]
    on_delete   = "cascade"
  }

  index "deals_contact_id_idx" { columns = ["contact_id"] }

  check "deals_amount_check" { expr = "amount >= 0" }
}
