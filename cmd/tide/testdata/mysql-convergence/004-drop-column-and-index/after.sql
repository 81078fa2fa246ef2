CREATE TABLE items (id int PRIMARY KEY, sku varchar(20), KEY by_sku (sku));
