INSERT INTO products (id, name, price, stock) VALUES
    (1, 'Kettle', 29.90, 10),
    (2, 'Toaster', 0.00, 0),
    (3, 'Blender', 59.50, 99999);
