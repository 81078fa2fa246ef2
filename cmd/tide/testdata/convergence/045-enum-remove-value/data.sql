INSERT INTO posts (id, title, status) VALUES
    (1, 'Hello', 'published'),
    (2, 'Draft notes', 'draft'),
    (3, 'Old news', 'archived'),
    (4, 'Second post', 'published');
