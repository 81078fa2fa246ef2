CREATE TABLE stock (id int PRIMARY KEY, qty int CHECK (qty >= 0), price int, note varchar(10),
  CONSTRAINT price_positive CHECK (price > 0), CONSTRAINT goes CHECK (note <> 'bad'));
