INSERT INTO check_ins (id, who, mood) VALUES (1, 'Ada', 'good'), (2, 'Grace', 'ok'), (3, 'Alan', 'good');
