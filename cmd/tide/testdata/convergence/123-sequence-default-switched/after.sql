CREATE SEQUENCE invoice_no START 5000 INCREMENT BY 5;
CREATE TABLE invoices (
    id     integer PRIMARY KEY,
    number bigint NOT NULL DEFAULT nextval('invoice_no'),
    total  numeric(10,2) NOT NULL
);
CREATE UNIQUE INDEX invoices_number_idx ON invoices (number);
