INSERT INTO tasks (id, title, priority, owner, note) VALUES
    (1, 'Write docs', 2, 'ada', NULL),
    (2, 'Fix login', 1, 'grace', 'urgent'),
    (3, 'Plan sprint', 3, 'alan', NULL);
