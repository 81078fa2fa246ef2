CREATE TYPE plan AS ENUM ('free', 'pro');
CREATE SEQUENCE invoice_seq START 100;
CREATE TABLE accounts (
    id         integer PRIMARY KEY,
    plan       plan NOT NULL DEFAULT 'free',
    invoice_no bigint
);
