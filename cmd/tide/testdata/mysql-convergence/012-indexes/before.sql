CREATE TABLE products (
  id int PRIMARY KEY,
  sku varchar(20) NOT NULL,
  title varchar(100),
  body text,
  price int,
  KEY old_name (price),
  KEY changes (title(10)),
  KEY goes (sku, price)
);
