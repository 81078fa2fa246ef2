INSERT INTO subscriptions (id, email, plan) VALUES
    (1, 'ana@example.com', 'pro'),
    (2, 'ben@example.com', NULL),
    (3, 'chloe@example.com', 'free');
