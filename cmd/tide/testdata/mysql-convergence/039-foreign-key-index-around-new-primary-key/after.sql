-- The referenced primary key gains a column, so the foreign key is dropped
-- before it changes and added after with the new column; the index the
-- server made for the foreign key must change too, and InnoDB refuses to
-- drop it while the old foreign key needs it: it is rebuilt in the step
-- that adds the foreign key back.
CREATE TABLE items (
  item_id int NOT NULL,
  supplier_id int NOT NULL,
  name varchar(100),
  PRIMARY KEY (supplier_id, item_id)
);
CREATE TABLE item_prices (
  price_id int PRIMARY KEY,
  item_id int,
  supplier_id int,
  price decimal(10,2),
  CONSTRAINT prices_item_fk FOREIGN KEY (supplier_id, item_id) REFERENCES items (supplier_id, item_id)
);
