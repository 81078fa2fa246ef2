INSERT INTO invoices (id, total) SELECT g, g * 2 FROM generate_series(1, 300) AS g;
