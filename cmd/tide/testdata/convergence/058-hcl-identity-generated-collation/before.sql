CREATE TABLE ledger (
    id     integer PRIMARY KEY,
    debit  numeric(12,2) NOT NULL DEFAULT 0,
    credit numeric(12,2) NOT NULL DEFAULT 0,
    memo   text
);
