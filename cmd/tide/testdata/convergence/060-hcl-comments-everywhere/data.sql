INSERT INTO inventory.items (id, name, qty, notes) VALUES (1, 'Kettle', 3, 'fragile'), (2, 'Toaster', 12, NULL);
