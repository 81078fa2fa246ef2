INSERT INTO posts (id, title) SELECT g, 'post ' || g FROM generate_series(1, 20) AS g;
INSERT INTO comments (id, post_id, body) SELECT g, g % 20 + 1, 'c' || g FROM generate_series(1, 400) AS g;
