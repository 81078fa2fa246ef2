INSERT INTO articles (id, title, state, reviewer) SELECT g, 'a' || g, CASE WHEN g % 2 = 0 THEN 'published' ELSE 'draft' END::article_state, NULL FROM generate_series(1, 600) AS g;
