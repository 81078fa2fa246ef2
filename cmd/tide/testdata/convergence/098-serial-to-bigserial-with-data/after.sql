CREATE TABLE events (
    id   bigserial PRIMARY KEY,
    what text NOT NULL
);
CREATE TABLE tags (
    id   serial NOT NULL,
    name text
);
