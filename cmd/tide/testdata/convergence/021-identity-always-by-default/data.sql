INSERT INTO invoices (amount) VALUES (100.00), (250.50);
INSERT INTO payments (amount) VALUES (100.00), (50.25), (200.25);
