SELECT count(*) = 2 FROM order_lines;
