CREATE TABLE authors (
    id   bigint PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE books (
    id        integer PRIMARY KEY,
    author_id bigint NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    title     text NOT NULL
);
CREATE INDEX books_author_idx ON books (author_id);
