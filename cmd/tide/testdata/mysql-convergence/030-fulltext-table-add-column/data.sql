INSERT INTO articles VALUES (1, 'hello world');
