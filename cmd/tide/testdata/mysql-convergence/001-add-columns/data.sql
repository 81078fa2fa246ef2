INSERT INTO users (email) VALUES ('a@x'), ('b@x');
