INSERT INTO products (id, name, price) VALUES
    (1, 'Kettle', 29.90),
    (2, 'Toaster', 39.00),
    (3, 'Blender', 59.50),
    (4, 'Grinder', 24.99);
