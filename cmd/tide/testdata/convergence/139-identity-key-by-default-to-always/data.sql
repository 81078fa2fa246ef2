ALTER TABLE accounts ALTER COLUMN id SET INCREMENT BY 5 SET CACHE 10;
INSERT INTO accounts (id, name) SELECT g, 'given ' || g FROM generate_series(1, 500) AS g;
SELECT setval('accounts_id_seq', 1000);
INSERT INTO accounts (name) SELECT 'generated ' || g FROM generate_series(1, 300) AS g;
INSERT INTO entries SELECT g, CASE WHEN g % 2 = 0 THEN 1 + g % 500 ELSE 1005 + 5 * (g % 300) END, g / 100.0 FROM generate_series(1, 2000) AS g;
GRANT SELECT ON SEQUENCE accounts_id_seq TO PUBLIC;
