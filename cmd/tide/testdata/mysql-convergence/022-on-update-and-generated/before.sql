CREATE TABLE rows_ (id int PRIMARY KEY, price int, touched datetime, doubled int AS (price * 2) STORED);
