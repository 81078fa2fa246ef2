CREATE SCHEMA crm;
CREATE TABLE crm.contacts (
    id      bigint PRIMARY KEY,
    email   text NOT NULL,
    country char(2)
);
