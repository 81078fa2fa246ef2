CREATE SEQUENCE invoice_no INCREMENT BY 10 MINVALUE 1000 MAXVALUE 9999999 START 1000 CACHE 20 CYCLE;
CREATE SEQUENCE ticket_no AS integer;
CREATE SEQUENCE order_ref AS integer START WITH 500;
CREATE TABLE invoices (
    id     integer PRIMARY KEY,
    number bigint NOT NULL DEFAULT nextval('invoice_no')
);
