SELECT count(*) = 3 FROM products;
SELECT stock = 99999 FROM products WHERE id = 3;
SELECT NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'products_name_check');
SELECT pg_get_constraintdef(oid) = 'CHECK (((stock >= 0) AND (stock <= 100000)))' FROM pg_constraint WHERE conname = 'products_stock_check';
SELECT convalidated FROM pg_constraint WHERE conname = 'products_price_check';
