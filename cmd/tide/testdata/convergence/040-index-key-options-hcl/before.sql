CREATE TABLE articles (
    id           integer PRIMARY KEY,
    author_id    integer NOT NULL,
    slug         text NOT NULL,
    title        text NOT NULL,
    published_at timestamp,
    score        integer
);
CREATE INDEX articles_published_idx ON articles (published_at);
CREATE INDEX articles_author_idx ON articles (author_id);
