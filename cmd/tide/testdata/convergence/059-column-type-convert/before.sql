CREATE TABLE readings (
    id        integer PRIMARY KEY,
    taken_at  timestamp NOT NULL,
    sensor    integer NOT NULL,
    value     integer,
    day       date,
    country   char(2),
    verified  boolean
);
