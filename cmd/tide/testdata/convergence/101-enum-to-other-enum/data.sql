INSERT INTO diary (id, m) VALUES (1, 'happy'), (2, 'sad');
