INSERT INTO crm.contacts (id, email, country) VALUES
    (1, 'ana@example.com', 'ES'),
    (2, 'ben@example.com', NULL),
    (3, 'chloe@example.com', 'FR');
