INSERT INTO readings (id, taken_at, sensor, value, day, country, verified) VALUES
    (1, '2024-03-01 10:00', 17, 215, '2024-03-01', 'FR', true),
    (2, '2024-03-01 11:00', 17, NULL, NULL, NULL, NULL),
    (3, '2024-03-02 09:30', 42, -3, '2024-03-02', 'DE', false);
