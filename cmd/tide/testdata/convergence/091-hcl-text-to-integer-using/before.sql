CREATE TABLE parts (
    id   bigint PRIMARY KEY,
    code text NOT NULL,
    name text
);
