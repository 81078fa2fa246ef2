INSERT INTO users (email) SELECT 'u' || g || '@example.com' FROM generate_series(1, 1200) AS g;
INSERT INTO sessions (user_id) SELECT 1 + g % 1200 FROM generate_series(1, 3000) AS g;
INSERT INTO profiles (user_id, bio) SELECT g, 'bio ' || g FROM generate_series(1, 600) AS g;
DELETE FROM users WHERE id > 1190;
