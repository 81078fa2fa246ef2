CREATE SEQUENCE invoice_no_old;
CREATE TABLE invoices (
    id     integer PRIMARY KEY,
    number bigint NOT NULL DEFAULT nextval('invoice_no_old'),
    total  numeric(10,2) NOT NULL
);
CREATE UNIQUE INDEX invoices_number_idx ON invoices (number);
