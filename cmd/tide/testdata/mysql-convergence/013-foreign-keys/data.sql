INSERT INTO customers VALUES (1), (2);
INSERT INTO orders VALUES (10, 1, 2), (11, 2, NULL);
INSERT INTO order_lines VALUES (100, 10), (101, 11);
