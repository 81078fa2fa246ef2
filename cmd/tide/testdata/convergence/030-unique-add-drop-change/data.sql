INSERT INTO users (id, org_id, email, username, handle) VALUES
    (1, 1, 'ana@example.com', 'ana', 'ana'),
    (2, 1, 'ben@example.com', 'ben', 'ben'),
    (3, 2, 'ana@other.org', 'ana2', 'ana2');
