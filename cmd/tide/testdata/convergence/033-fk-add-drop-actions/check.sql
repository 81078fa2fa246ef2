SELECT count(*) = 3 FROM orders;
SELECT coupon_code = 'SPRING10' AND rep_id = 7 FROM orders WHERE id = 100;
SELECT count(*) = 3 FROM order_items;
SELECT confdeltype = 'c' AND confupdtype = 'c' FROM pg_constraint WHERE conname = 'orders_customer_id_fkey';
SELECT confdeltype = 'n' FROM pg_constraint WHERE conname = 'orders_rep_id_fkey';
SELECT confdeltype = 'r' AND convalidated FROM pg_constraint WHERE conname = 'order_items_product_fk';
SELECT NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_coupon_code_fkey');
