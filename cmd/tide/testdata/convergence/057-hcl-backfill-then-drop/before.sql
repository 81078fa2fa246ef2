CREATE TABLE people (
    id         integer PRIMARY KEY,
    first_name text NOT NULL,
    last_name  text,
    email      text
);
