INSERT INTO customers (id, name, email, active) VALUES
    (1, 'Ada', 'ada@example.com', true),
    (2, 'Grace', 'grace@example.com', false),
    (3, 'Alan', 'alan@example.com', true),
    (4, 'Katherine', 'kj@example.com', true);
