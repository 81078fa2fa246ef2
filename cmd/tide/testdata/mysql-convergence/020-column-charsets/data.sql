INSERT INTO texts VALUES (1, 'Ab', 'Cd', 'Ef');
