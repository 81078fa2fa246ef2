database {
  dialect = "postgres"
}

table "enrollments" {
  column "student_id" {
    type = "integer"
    null = false
  }
  column "course_id" {
    type = "integer"
    null = false
  }
  column "grade" { type = "integer" }
  column "passed" {
    type     = "boolean"
    null     = false
    default  = "false"
    backfill = "coalesce(grade >= 50, false)"
  }
  column "slot" {
    type     = "text"
    backfill = "student_id || '/' || course_id"
  }

  primary_key { columns = ["student_id", "course_id"] }
}
