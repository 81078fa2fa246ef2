CREATE TABLE subscribers (
    id    integer PRIMARY KEY,
    email text NOT NULL
);
