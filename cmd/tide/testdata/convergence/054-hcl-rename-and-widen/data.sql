INSERT INTO people (id, surname, age) VALUES (1, 'Lovelace', 36), (2, 'Hopper', NULL), (3, 'Turing', 41);
INSERT INTO visits (id, person, at) VALUES (1, 1, '2024-01-02'), (2, 3, '2024-01-03'), (3, 3, '2024-02-04');
