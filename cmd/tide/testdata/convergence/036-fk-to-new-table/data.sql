INSERT INTO products (id, name, brand_id) VALUES (1, 'Kettle', NULL), (2, 'Toaster', NULL), (3, 'Blender', NULL);
