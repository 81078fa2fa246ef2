INSERT INTO line_items (id, qty, unit_price, first_name, last_name) VALUES
    (1, 2, 10.00, 'Ada', 'Lovelace'),
    (2, 5, 1.25, NULL, 'Hopper'),
    (3, 0, 99.99, 'Alan', NULL);
