SELECT count(*) = 500 FROM articles;
SELECT array_to_string(enum_range(NULL::article_state), ',') = 'draft,review,published';
SELECT convalidated FROM pg_constraint WHERE conname = 'articles_review_needs_reviewer';
SELECT count(*) = 0 FROM pg_constraint WHERE conname LIKE '%__tide%';
