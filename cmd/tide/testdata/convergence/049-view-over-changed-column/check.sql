SELECT count(*) = 3 FROM orders;
SELECT amount = 100.00 FROM orders WHERE id = 1;
SELECT sum(total) = 123.00 FROM order_totals;
SELECT total = 120.00 AND orders = 2 FROM order_totals WHERE customer = 'Ada';
SELECT data_type = 'numeric' FROM information_schema.columns WHERE table_name = 'order_totals' AND column_name = 'total';
