SELECT count(*) = 3 FROM line_items;
SELECT total = 20.00 FROM line_items WHERE id = 1;
SELECT total = 1.50 FROM line_items WHERE id = 2;
SELECT total = 7.70 FROM line_items WHERE id = 3;
SELECT is_generated = 'NEVER' FROM information_schema.columns WHERE table_name = 'line_items' AND column_name = 'total';
SELECT NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'line_items' AND column_name = 'doubled');
