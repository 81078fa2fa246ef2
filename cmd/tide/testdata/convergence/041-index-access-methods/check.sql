SELECT count(*) = 3 FROM documents;
SELECT tags = '{animals,fox}' AND attrs = '{"lang": "en"}' FROM documents WHERE id = 1;
SELECT tsv @@ to_tsquery('english', 'lazy') FROM documents WHERE id = 2;
SELECT valid @> TIMESTAMPTZ '2024-06-01 00:00:00+00' FROM documents WHERE id = 3;
SELECT am.amname = 'hash' FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 'documents_code_idx';
SELECT count(*) = 3 FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname LIKE 'documents_%_idx' AND am.amname = 'gin';
SELECT count(*) = 2 FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname LIKE 'documents_%_idx' AND am.amname = 'gist';
SELECT am.amname = 'brin' FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 'documents_created_brin_idx';
