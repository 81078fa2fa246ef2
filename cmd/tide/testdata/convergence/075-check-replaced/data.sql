INSERT INTO order_lines (id, qty, discount) VALUES (1, 3, 0), (2, 999, 0.25), (3, 1, 0.5);
