INSERT INTO slots (id, position, code, label) VALUES
    (1, 1, 'A', 'first'),
    (2, 2, 'B', NULL),
    (3, 3, 'C', NULL);
