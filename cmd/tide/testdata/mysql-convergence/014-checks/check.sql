SELECT count(*) = 2 FROM stock;
