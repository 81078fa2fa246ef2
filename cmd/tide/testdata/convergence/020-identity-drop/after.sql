CREATE TABLE tickets (
    id      integer PRIMARY KEY,
    subject text NOT NULL
);
CREATE TABLE audit (
    seq bigint NOT NULL,
    msg text
);
