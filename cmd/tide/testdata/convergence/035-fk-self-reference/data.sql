INSERT INTO employees (id, name, manager_id) VALUES
    (1, 'Ada', NULL),
    (2, 'Grace', 1),
    (3, 'Alan', 1),
    (4, 'Edsger', 2);
INSERT INTO categories (id, name) VALUES (1, 'Kitchen'), (2, 'Small appliances');
