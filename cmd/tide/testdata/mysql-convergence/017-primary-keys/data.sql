INSERT INTO nokey VALUES (1, 1), (2, 1);
INSERT INTO rekey VALUES (1, 1), (2, 1);
