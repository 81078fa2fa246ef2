CREATE TABLE sale_lines (id int PRIMARY KEY, qty int, price int, total int AS (qty * price) STORED, KEY by_total (total));
