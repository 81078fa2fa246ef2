CREATE TABLE m (id int PRIMARY KEY, qty int CHECK (qty >= 0), doc json);
