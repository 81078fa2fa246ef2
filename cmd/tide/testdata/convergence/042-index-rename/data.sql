INSERT INTO orders (id, customer_id, status, reference) VALUES
    (1, 1, 'open', 'R-0001'),
    (2, 1, 'done', 'R-0002'),
    (3, 2, 'open', 'R-0003');
