SELECT count(*) = 3 FROM line_items;
SELECT total = 18.00 FROM line_items WHERE id = 1;
SELECT total = 10.00 FROM line_items WHERE id = 2;
SELECT total = 60.00 FROM line_items WHERE id = 3;
SELECT discount = 0.25 FROM line_items WHERE id = 3;
