SELECT count(*) = 3 FROM orders;
SELECT reference = 'R-0003' FROM orders WHERE id = 3;
SELECT to_regclass('public.idx_1') IS NULL AND to_regclass('public.orders_status') IS NULL AND to_regclass('public.ref_uq') IS NULL;
SELECT indisunique FROM pg_index WHERE indexrelid = 'orders_reference_key'::regclass;
SELECT count(*) = 4 FROM pg_indexes WHERE tablename = 'orders';
