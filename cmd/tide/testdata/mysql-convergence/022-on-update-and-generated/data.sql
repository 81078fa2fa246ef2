INSERT INTO rows_ (id, price) VALUES (1, 5);
