INSERT INTO line_items (id, qty, unit_price) VALUES
    (1, 2, 10.00),
    (2, 3, 0.50),
    (3, 7, 1.10);
