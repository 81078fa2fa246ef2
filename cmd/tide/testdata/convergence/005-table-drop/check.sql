SELECT count(*) = 3 FROM customers;
SELECT name = 'Edsger' FROM customers WHERE id = 3;
SELECT to_regclass('public.orders') IS NULL;
SELECT to_regclass('public.order_notes') IS NULL;
