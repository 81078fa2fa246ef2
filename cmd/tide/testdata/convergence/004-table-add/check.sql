SELECT count(*) = 4 FROM customers;
SELECT name = 'Linus' FROM customers WHERE id = 3;
SELECT count(*) = 0 FROM orders;
