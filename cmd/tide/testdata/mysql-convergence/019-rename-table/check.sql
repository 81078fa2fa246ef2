SELECT name = 'x' FROM customers;
