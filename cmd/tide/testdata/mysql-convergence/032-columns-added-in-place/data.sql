INSERT INTO contacts VALUES (1, 'Lovelace', '123');
