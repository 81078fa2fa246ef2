INSERT INTO staff (id, nm) VALUES (1, 'Ada'), (2, 'Linus');
