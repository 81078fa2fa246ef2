CREATE TABLE events (
    id   serial PRIMARY KEY,
    what text NOT NULL
);
CREATE TABLE tags (
    id   smallserial NOT NULL,
    name text
);
