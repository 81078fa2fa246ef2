INSERT INTO sale_lines (id, qty, price) VALUES (1, 2, 3);
