INSERT INTO orders (id, customer_id, status, placed_at) VALUES
    (1, 1, 'paid', '2024-04-01 10:00:00+00'),
    (2, 2, 'pending', '2024-04-02 11:00:00+00'),
    (3, 1, 'shipped', '2024-04-03 12:00:00+00');
