CREATE TYPE article_state AS ENUM ('draft', 'review', 'published');
CREATE TABLE articles (
  id bigint PRIMARY KEY,
  title text NOT NULL,
  state article_state NOT NULL DEFAULT 'draft',
  reviewer text,
  CONSTRAINT articles_review_needs_reviewer CHECK (state <> 'review' OR reviewer IS NOT NULL)
);
