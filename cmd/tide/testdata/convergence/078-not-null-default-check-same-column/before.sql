CREATE TABLE accounts (
    id       integer PRIMARY KEY,
    balance  integer,
    currency varchar(20)
);
