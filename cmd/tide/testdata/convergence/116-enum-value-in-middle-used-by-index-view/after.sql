CREATE TYPE article_state AS ENUM ('draft', 'review', 'published');
CREATE TABLE articles (
    id       integer PRIMARY KEY,
    title    text NOT NULL,
    state    article_state NOT NULL DEFAULT 'draft',
    reviewer text
);
CREATE INDEX articles_in_review_idx ON articles (reviewer) WHERE state = 'review';
CREATE VIEW articles_in_review AS SELECT id, title, reviewer FROM articles WHERE state = 'review';
