CREATE TABLE items (
  item_id int PRIMARY KEY,
  supplier_id int,
  name varchar(100)
);
CREATE TABLE item_prices (
  price_id int PRIMARY KEY,
  item_id int,
  price decimal(10,2),
  CONSTRAINT prices_item_fk FOREIGN KEY (item_id) REFERENCES items (item_id)
);
