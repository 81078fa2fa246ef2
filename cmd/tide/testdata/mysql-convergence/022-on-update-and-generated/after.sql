CREATE TABLE rows_ (id int PRIMARY KEY, price int, touched datetime ON UPDATE CURRENT_TIMESTAMP, doubled int AS (price * 3) STORED);
