SELECT count(*) = 3 FROM stock;
SELECT qty = 12 FROM stock WHERE id = 1;
SELECT condeferrable AND condeferred AND confupdtype = 'c' AND convalidated FROM pg_constraint WHERE conname = 'stock_warehouse_fk';
SELECT array_length(conkey, 1) = 2 FROM pg_constraint WHERE conname = 'stock_warehouse_fk';
