SELECT a = 1 AND b = 'x' FROM settings WHERE id = 1;
