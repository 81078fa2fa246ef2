INSERT INTO customers (name) VALUES ('Ada'), ('Grace'), ('Linus'), ('Margaret');
