CREATE TABLE authors (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE posts (
    id        integer PRIMARY KEY,
    author_id integer NOT NULL,
    title     text NOT NULL,
    CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES authors (id)
);
