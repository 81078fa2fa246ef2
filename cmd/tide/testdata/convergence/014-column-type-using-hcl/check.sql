SELECT count(*) = 4 FROM items;
SELECT code = 12 AND price = 12.50 AND released = DATE '2024-01-05' FROM items WHERE id = 1;
SELECT code = 7 AND released IS NULL FROM items WHERE id = 2;
SELECT code IS NULL AND price = 100.00 FROM items WHERE id = 3;
SELECT code = 42 AND price = 3.33 AND released = DATE '2024-02-29' FROM items WHERE id = 4;
SELECT data_type = 'integer' FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'code';
