INSERT INTO customers (id, name) VALUES (1, 'Ada'), (2, 'Grace');
INSERT INTO invoices (id, customer_id, amount) VALUES
    (10, 1, 12.50),
    (11, 2, 99.00),
    (12, NULL, 5.00),
    (13, 1, 7.25);
