INSERT INTO legacy VALUES ('a', 'x'), ('b', 'y');
