CREATE TYPE article_state AS ENUM ('draft', 'published');
CREATE TABLE articles (
  id bigint PRIMARY KEY,
  title text NOT NULL,
  state article_state NOT NULL DEFAULT 'draft',
  reviewer text
);
