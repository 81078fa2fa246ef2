INSERT INTO tasks (id, title, due_date, status) VALUES
    (1, 'Write docs', '2024-07-01', 'open'),
    (2, 'Fix login', '2024-06-15', 'done');
