CREATE TABLE authors (
    id    bigint PRIMARY KEY,
    name  text NOT NULL,
    likes bigint NOT NULL DEFAULT 0
);
CREATE TABLE books (
    id        integer PRIMARY KEY,
    author_id bigint NOT NULL REFERENCES authors (id),
    title     text NOT NULL
);
