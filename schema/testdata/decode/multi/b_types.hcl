database { dialect = "postgres" }

variable "initial_status" {}

enum "order_status" {
  values = [var.initial_status, "done"]
}
