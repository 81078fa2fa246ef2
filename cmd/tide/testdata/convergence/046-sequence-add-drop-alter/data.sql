INSERT INTO invoices (id) VALUES (1), (2), (3);
INSERT INTO invoices (id, number) VALUES (4, 5000);
