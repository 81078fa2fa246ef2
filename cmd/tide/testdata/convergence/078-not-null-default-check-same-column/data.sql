INSERT INTO accounts (id, balance, currency) VALUES (1, 100, 'EUR'), (2, 0, 'USD');
