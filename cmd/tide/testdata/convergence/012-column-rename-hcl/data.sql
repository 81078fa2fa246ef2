INSERT INTO customers (id, name, zip) VALUES
    (1, 'Ada Lovelace', '10115'),
    (2, 'Grace Hopper', NULL),
    (3, 'Alan Turing', '75001');
