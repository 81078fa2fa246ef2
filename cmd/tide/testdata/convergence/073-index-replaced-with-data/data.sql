INSERT INTO shipments (id, carrier, tracking, shipped_at) VALUES
    (1, 'ups', 'T-100', '2024-05-01 08:00:00+00'),
    (2, 'dhl', 'T-200', '2024-05-02 09:00:00+00'),
    (3, 'ups', NULL, '2024-05-03 10:00:00+00'),
    (4, 'ups', NULL, '2024-05-04 11:00:00+00');
