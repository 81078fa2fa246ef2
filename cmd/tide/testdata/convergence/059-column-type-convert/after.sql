CREATE TABLE readings (
    id        integer PRIMARY KEY,
    taken_at  timestamptz NOT NULL,
    sensor    text NOT NULL,
    value     numeric(10,2),
    day       timestamp,
    country   varchar(2),
    verified  text
);
