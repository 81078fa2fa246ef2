INSERT INTO prefs (id, size) VALUES (1, 10);
