SELECT count(*) = 2 FROM items WHERE sku IN ('a', 'b');
