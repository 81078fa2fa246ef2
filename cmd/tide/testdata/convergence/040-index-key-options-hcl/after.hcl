database {
  dialect = "postgres"
}

table "articles" {
  column "id" {
    type = "integer"
    null = false
  }
  column "author_id" {
    type = "integer"
    null = false
  }
  column "slug" {
    type = "text"
    null = false
  }
  column "title" {
    type = "text"
    null = false
  }
  column "published_at" { type = "timestamp" }
  column "score" { type = "integer" }

  primary_key { columns = ["id"] }

  index "articles_published_idx" {
    part {
      column = "published_at"
      desc   = true
      nulls  = "first"
    }
    part { column = "id" }
  }

  index "articles_score_idx" {
    part {
      column = "score"
      desc   = true
      nulls  = "last"
    }
    part {
      column = "author_id"
      nulls  = "first"
    }
  }

  index "articles_slug_pattern_idx" {
    part {
      column  = "slug"
      opclass = "text_pattern_ops"
    }
  }

  index "articles_title_c_idx" {
    part {
      column    = "title"
      collation = "C"
    }
  }

  index "articles_author_idx" {
    columns = ["author_id"]
    include = ["title", "published_at"]
  }
}
