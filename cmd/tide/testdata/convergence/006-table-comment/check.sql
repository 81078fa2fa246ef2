SELECT obj_description('products'::regclass, 'pg_class') = 'Everything we sell';
SELECT obj_description('suppliers'::regclass, 'pg_class') = 'Companies we buy stock from';
SELECT obj_description('warehouses'::regclass, 'pg_class') IS NULL;
SELECT count(*) = 2 FROM products;
SELECT city IS NULL FROM warehouses WHERE id = 2;
