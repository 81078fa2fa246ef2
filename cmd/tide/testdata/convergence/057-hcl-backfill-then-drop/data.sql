INSERT INTO people (id, first_name, last_name, email) VALUES
    (1, 'Ada', 'Lovelace', 'ada@analytical.org'),
    (2, 'Grace', 'Hopper', 'grace@navy.mil'),
    (3, 'Cher', NULL, NULL),
    (4, 'Alan', 'Turing', 'alan@bletchley.uk');
