CREATE TYPE post_status AS ENUM ('draft', 'published', 'archived');
CREATE TABLE posts (
    id     integer PRIMARY KEY,
    title  text NOT NULL,
    status post_status NOT NULL DEFAULT 'draft'
);
CREATE INDEX posts_status_idx ON posts (status);
