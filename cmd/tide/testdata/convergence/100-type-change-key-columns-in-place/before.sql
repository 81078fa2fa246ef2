CREATE TABLE authors (
    id    integer PRIMARY KEY,
    name  text NOT NULL,
    likes integer NOT NULL DEFAULT 0
);
CREATE TABLE books (
    id        integer PRIMARY KEY,
    author_id integer NOT NULL REFERENCES authors (id),
    title     text NOT NULL
);
