SELECT count(*) = 3 FROM order_lines;
SELECT pg_get_constraintdef(oid) LIKE '%qty <= 1000%' AND convalidated FROM pg_constraint WHERE conname = 'order_lines_qty_check';
SELECT pg_get_constraintdef(oid) LIKE '%discount < %' AND convalidated FROM pg_constraint WHERE conname = 'order_lines_discount_check';
SELECT count(*) = 2 FROM pg_constraint WHERE conrelid = 'order_lines'::regclass AND contype = 'c';
