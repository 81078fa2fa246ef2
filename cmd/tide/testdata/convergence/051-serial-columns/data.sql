INSERT INTO tags (name) VALUES ('news'), ('howto');
INSERT INTO comments (body, author) VALUES ('First!', 'ada'), ('Nice post', NULL), ('Thanks', 'grace');
