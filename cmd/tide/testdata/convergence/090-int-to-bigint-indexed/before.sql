CREATE TABLE payments (
    id      integer PRIMARY KEY,
    amount  integer NOT NULL DEFAULT 0,
    ref     integer,
    note    text,
    CONSTRAINT payments_amount_check CHECK (amount >= 0),
    CONSTRAINT payments_ref_key UNIQUE (ref)
);
CREATE INDEX payments_amount_idx ON payments (amount);
