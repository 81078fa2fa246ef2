INSERT INTO logs (line) VALUES ('boot'), ('ready'), ('shutdown');
