INSERT INTO customers (id, name) VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger');
INSERT INTO orders (id, customer_id, total) VALUES (10, 1, 19.99), (11, 1, NULL), (12, 2, 5.00);
INSERT INTO order_notes (id, order_id, body) VALUES (100, 10, 'gift wrap'), (101, 12, NULL);
