INSERT INTO seats (id, code, hall, row_no, seat) VALUES
    (1, 'A1', 'main', 1, 1),
    (2, 'A2', 'main', 1, 2),
    (3, 'B1', NULL, 2, 1),
    (4, 'B2', NULL, 2, 1);
