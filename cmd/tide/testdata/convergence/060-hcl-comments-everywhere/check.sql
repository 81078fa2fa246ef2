SELECT count(*) = 2 FROM inventory.items;
SELECT notes = 'fragile' FROM inventory.items WHERE id = 1;
SELECT count(*) = 1 FROM inventory.low_stock;
SELECT obj_description('inventory'::regnamespace, 'pg_namespace') = 'Stock on hand, per item';
SELECT obj_description('inventory.items'::regclass, 'pg_class') = 'Every item we keep in stock';
SELECT col_description('inventory.items'::regclass, 2) = 'Shown on the packing slip';
SELECT col_description('inventory.items'::regclass, 4) IS NULL;
SELECT obj_description('inventory.low_stock'::regclass, 'pg_class') = 'Items to reorder';
