INSERT INTO settings (id) VALUES (1);
