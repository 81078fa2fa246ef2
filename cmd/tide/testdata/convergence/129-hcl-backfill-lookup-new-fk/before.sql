CREATE TABLE countries (
    id   integer PRIMARY KEY,
    iso  char(2) NOT NULL UNIQUE,
    name text NOT NULL
);
CREATE TABLE addresses (
    id      bigint PRIMARY KEY,
    street  text NOT NULL,
    country char(2) NOT NULL
);
