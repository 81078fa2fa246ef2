CREATE SEQUENCE invoice_no START 1000;
CREATE SEQUENCE old_seq;
CREATE SEQUENCE ticket_no AS bigint;
CREATE TABLE invoices (
    id     integer PRIMARY KEY,
    number bigint NOT NULL DEFAULT nextval('invoice_no')
);
