SELECT count(*) = 3 FROM products;
SELECT name = 'Blender' FROM products WHERE id = 3;
SELECT count(*) = 0 FROM brands;
SELECT confrelid = 'brands'::regclass FROM pg_constraint WHERE conname = 'products_brand_id_fkey';
