INSERT INTO line_items (id, qty, unit_price, discount) VALUES
    (1, 2, 10.00, 0.10),
    (2, 4, 2.50, 0),
    (3, 1, 80.00, 0.25);
