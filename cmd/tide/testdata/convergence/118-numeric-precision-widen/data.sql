INSERT INTO ledger (id, amount, fee) SELECT g, g * 1.25 - 500, CASE WHEN g % 3 = 0 THEN NULL ELSE g / 100.0 END FROM generate_series(1, 1500) AS g;
INSERT INTO ledger (id, amount, fee) VALUES (9000, 99999999.99, 0.01);
