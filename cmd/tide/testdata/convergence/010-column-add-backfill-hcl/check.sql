SELECT count(*) = 5 FROM order_lines;
SELECT total_cents = 2500 FROM order_lines WHERE id = 1;
SELECT total_cents = 3750 FROM order_lines WHERE id = 2;
SELECT total_cents = 198 FROM order_lines WHERE id = 3;
SELECT total_cents = 0 FROM order_lines WHERE id = 5;
SELECT bool_and(total_cents = round(qty * unit_price * 100)) FROM order_lines;
SELECT bool_and(currency = 'EUR') FROM order_lines;
