INSERT INTO users (id, email, deleted_at, plan) SELECT g, 'user' || g || '@example.org', NULL, CASE WHEN g % 7 = 0 THEN 'pro' ELSE 'free' END FROM generate_series(1, 1000) AS g;
INSERT INTO users (id, email, deleted_at, plan) SELECT 1000 + g, 'USER' || g || '@example.org', timestamptz '2024-03-01 00:00:00+00', 'free' FROM generate_series(1, 300) AS g;
