SELECT count(*) = 3 FROM line_items;
SELECT total = 20.00 AND label = 'Ada Lovelace' FROM line_items WHERE id = 1;
SELECT total = 6.25 AND label = 'Hopper' FROM line_items WHERE id = 2;
SELECT total = 0 AND label = 'Alan ' FROM line_items WHERE id = 3;
