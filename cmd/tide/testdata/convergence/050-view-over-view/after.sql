CREATE TABLE customers (
    id     integer PRIMARY KEY,
    name   varchar(100) NOT NULL,
    email  text NOT NULL,
    active boolean NOT NULL DEFAULT true
);
CREATE VIEW active_customers AS
    SELECT id, name AS display_name, lower(email) AS email FROM customers WHERE active;
CREATE VIEW active_customer_emails AS
    SELECT display_name, email FROM active_customers;
