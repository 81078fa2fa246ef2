INSERT INTO subscribers (id, email) VALUES (1, 'ana@example.com'), (2, 'ben@example.com');
