CREATE TABLE accounts (
    id       integer PRIMARY KEY,
    balance  integer NOT NULL DEFAULT 0 CONSTRAINT accounts_balance_check CHECK (balance >= 0),
    currency varchar(50) NOT NULL
);
