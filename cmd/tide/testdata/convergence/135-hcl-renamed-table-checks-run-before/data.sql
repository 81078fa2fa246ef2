INSERT INTO clients (id, email, tier) SELECT g, 'c' || g || '@example.com', 1 + g % 3 FROM generate_series(1, 800) AS g;
INSERT INTO invoices (id, client_id, total) SELECT g, 1 + g % 800, g FROM generate_series(1, 2400) AS g;
