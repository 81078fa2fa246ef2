INSERT INTO memberships (id, org_id, user_id, role) VALUES
    (1, 10, 100, 'owner'),
    (2, 10, 101, 'member'),
    (3, 11, 100, 'member');
INSERT INTO order_lines (order_id, line_no, sku) VALUES (1, 1, 'KET-01'), (2, 1, 'TOA-02');
