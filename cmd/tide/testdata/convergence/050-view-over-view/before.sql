CREATE TABLE customers (
    id     integer PRIMARY KEY,
    name   varchar(50) NOT NULL,
    email  text NOT NULL,
    active boolean NOT NULL DEFAULT true
);
CREATE VIEW active_customers AS
    SELECT id, name, email FROM customers WHERE active;
CREATE VIEW active_customer_emails AS
    SELECT name, email FROM active_customers;
