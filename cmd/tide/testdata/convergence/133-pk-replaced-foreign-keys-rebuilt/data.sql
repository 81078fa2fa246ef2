INSERT INTO accounts (id, tenant_id, name) SELECT g, g % 5, 'account ' || g FROM generate_series(1, 500) AS g;
INSERT INTO orders (id, tenant_id, account_id) SELECT g, (1 + g % 500) % 5, 1 + g % 500 FROM generate_series(1, 3000) AS g;
INSERT INTO payments (id, account_id, amount) SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE 1 + g % 500 END, g / 10.0 FROM generate_series(1, 2000) AS g;
