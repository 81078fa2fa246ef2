CREATE TABLE items (
    id       integer PRIMARY KEY,
    code     text,
    price    text NOT NULL,
    released text
);
