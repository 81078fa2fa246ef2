INSERT INTO products (id, name) VALUES (1, 'Kettle'), (2, 'Toaster');
INSERT INTO suppliers (id, name) VALUES (1, 'Northwind');
INSERT INTO warehouses (id, city) VALUES (1, 'Lyon'), (2, NULL);
