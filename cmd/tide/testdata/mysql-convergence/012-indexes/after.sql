CREATE TABLE products (
  id int PRIMARY KEY,
  sku varchar(20) NOT NULL,
  title varchar(100),
  body text,
  price int,
  UNIQUE KEY sku_unique (sku),
  KEY new_name (price),
  KEY changes (title(20), price DESC),
  FULLTEXT KEY ft_body (body)
);
