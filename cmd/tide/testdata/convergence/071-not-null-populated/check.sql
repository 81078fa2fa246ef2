SELECT count(*) = 3 FROM products;
SELECT sku = 'B-2' AND price = 0.99 FROM products WHERE id = 2;
SELECT attnotnull FROM pg_attribute WHERE attrelid = 'products'::regclass AND attname = 'sku';
SELECT attnotnull FROM pg_attribute WHERE attrelid = 'products'::regclass AND attname = 'price';
SELECT NOT attnotnull FROM pg_attribute WHERE attrelid = 'products'::regclass AND attname = 'note';
SELECT count(*) = 0 FROM pg_constraint WHERE conrelid = 'products'::regclass AND contype = 'c';
