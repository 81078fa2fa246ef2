INSERT INTO accounts (id, name) SELECT g, 'acct' || g FROM generate_series(1, 50) AS g;
INSERT INTO payments (id, account_id, amount, note, created_at) SELECT g, g % 50 + 1, g * 3, CASE WHEN g % 4 = 0 THEN NULL ELSE 'n' || g END, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 3000) AS g;
