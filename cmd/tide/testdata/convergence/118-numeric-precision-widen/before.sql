CREATE TABLE ledger (
    id      bigint PRIMARY KEY,
    amount  numeric(10,2) NOT NULL DEFAULT 0,
    fee     numeric(10,2),
    CONSTRAINT ledger_amount_check CHECK (amount > -100000)
);
CREATE INDEX ledger_amount_idx ON ledger (amount);
