CREATE TABLE stock (id int PRIMARY KEY, qty int CHECK (qty >= -1), price int COMMENT 'cents', note varchar(20),
  CONSTRAINT price_positive CHECK (price >= 1), CONSTRAINT id_small CHECK (id < 1000));
