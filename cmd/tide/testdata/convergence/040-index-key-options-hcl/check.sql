SELECT count(*) = 4 FROM articles;
SELECT slug = 'locks' AND published_at IS NULL FROM articles WHERE id = 2;
SELECT indexdef LIKE '%(published_at DESC, id)' FROM pg_indexes WHERE indexname = 'articles_published_idx';
SELECT indexdef LIKE '%(score DESC NULLS LAST, author_id NULLS FIRST)' FROM pg_indexes WHERE indexname = 'articles_score_idx';
SELECT indexdef LIKE '%(slug text_pattern_ops)' FROM pg_indexes WHERE indexname = 'articles_slug_pattern_idx';
SELECT indexdef LIKE '%(title COLLATE "C")' FROM pg_indexes WHERE indexname = 'articles_title_c_idx';
SELECT indexdef LIKE '%(author_id) INCLUDE (title, published_at)' FROM pg_indexes WHERE indexname = 'articles_author_idx';
