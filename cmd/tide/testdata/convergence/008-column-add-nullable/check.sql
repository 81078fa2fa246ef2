SELECT count(*) = 4 FROM products;
SELECT price = 59.50 FROM products WHERE id = 3;
SELECT bool_and(description IS NULL AND weight_grams IS NULL AND tags IS NULL AND attributes IS NULL) FROM products;
