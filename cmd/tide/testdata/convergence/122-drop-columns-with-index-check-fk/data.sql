INSERT INTO customers (id, name) SELECT g, 'c' || g FROM generate_series(1, 10) AS g;
INSERT INTO invoices (id, customer_id, amount, legacy_code, legacy_flag, old_owner_id) SELECT g, g % 10 + 1, g * 0.5, 'L' || g, g % 2, (g + 3) % 10 + 1 FROM generate_series(1, 900) AS g;
