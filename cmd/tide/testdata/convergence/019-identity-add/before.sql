CREATE TABLE tickets (
    id      integer PRIMARY KEY,
    subject text NOT NULL
);
CREATE TABLE labels (
    id   bigint PRIMARY KEY,
    name text NOT NULL
);
