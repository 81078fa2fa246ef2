SELECT count(*) = 2 FROM customers;
SELECT count(*) = 2 FROM reviews;
SELECT stars = 3 FROM reviews WHERE id = 2;
SELECT condeferrable AND condeferred AND confdeltype = 'r' AND confrelid = 'public.customers'::regclass FROM pg_constraint WHERE conname = 'orders_customer_fk';
SELECT confrelid = 'sales.orders'::regclass AND confdeltype = 'n' FROM pg_constraint WHERE conname = 'reviews_order_fk';
SELECT array_length(conkey, 1) = 2 AND confupdtype = 'c' FROM pg_constraint WHERE conname = 'order_line_notes_line_fk';
SELECT obj_description('sales'::regnamespace, 'pg_namespace') = 'Orders and their lines';
