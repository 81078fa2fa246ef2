INSERT INTO logs (line) VALUES ('a'), ('b'), ('c');
INSERT INTO blobs (id, data) VALUES (1, repeat('z', 10000));
