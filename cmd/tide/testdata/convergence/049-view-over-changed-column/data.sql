INSERT INTO orders (id, customer, amount) VALUES
    (1, 'Ada', 100),
    (2, 'Ada', 20),
    (3, 'Grace', 3);
