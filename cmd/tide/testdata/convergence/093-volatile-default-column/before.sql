CREATE TABLE sessions (
    id   integer PRIMARY KEY,
    who  text NOT NULL
);
