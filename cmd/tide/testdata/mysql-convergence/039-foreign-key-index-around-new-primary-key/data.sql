INSERT INTO items VALUES (1, 10, 'tea'), (2, 10, 'coffee');
INSERT INTO item_prices (price_id, item_id, price) VALUES (1, 1, 9.99), (2, 2, 5.00);
