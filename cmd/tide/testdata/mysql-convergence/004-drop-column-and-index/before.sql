CREATE TABLE items (id int PRIMARY KEY, sku varchar(20), legacy int, KEY by_legacy (legacy), KEY by_sku_legacy (sku, legacy));
