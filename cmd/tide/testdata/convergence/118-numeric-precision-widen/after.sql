CREATE TABLE ledger (
    id      bigint PRIMARY KEY,
    amount  numeric(14,2) NOT NULL DEFAULT 0,
    fee     numeric(14,2),
    CONSTRAINT ledger_amount_check CHECK (amount > -100000)
);
CREATE INDEX ledger_amount_idx ON ledger (amount);
