CREATE TABLE tags (
    id   serial PRIMARY KEY,
    name text NOT NULL UNIQUE
);
CREATE TABLE comments (
    body   text NOT NULL,
    author text
);
