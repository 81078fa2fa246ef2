INSERT INTO events (what) VALUES ('a'), ('b'), ('c');
INSERT INTO tags (name) VALUES ('x'), ('y');
