INSERT INTO notes VALUES (1, 'abc', 'def', 'ghi');
