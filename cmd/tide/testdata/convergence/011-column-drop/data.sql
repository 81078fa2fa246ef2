INSERT INTO contacts (id, name, fax, legacy_code, phone) VALUES
    (1, 'Ada', '+44 20 1234', 'A001', '+44 20 9999'),
    (2, 'Grace', NULL, 'A002', NULL),
    (3, 'Alan', NULL, NULL, '+44 161 555');
