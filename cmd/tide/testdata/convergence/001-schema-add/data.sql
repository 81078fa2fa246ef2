INSERT INTO users (id, email) VALUES
    (1, 'ana@example.com'),
    (2, 'ben@example.com'),
    (3, 'chloe@example.com');
