INSERT INTO articles (id, title, state, reviewer)
SELECT g, 'article ' || g, CASE WHEN g % 2 = 0 THEN 'published'::article_state ELSE 'draft'::article_state END,
       CASE WHEN g % 3 = 0 THEN 'ann' END
FROM generate_series(1, 500) g;
