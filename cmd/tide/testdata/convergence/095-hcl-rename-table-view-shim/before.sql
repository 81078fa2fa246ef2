CREATE TABLE clients (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
