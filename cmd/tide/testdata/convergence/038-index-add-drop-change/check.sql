SELECT count(*) = 3 FROM orders;
SELECT status = 'pending' FROM orders WHERE id = 2;
SELECT to_regclass('public.orders_status_idx') IS NULL;
SELECT indexdef LIKE '%(placed_at, id)' FROM pg_indexes WHERE indexname = 'orders_placed_idx';
SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_customer_placed_idx'::regclass;
