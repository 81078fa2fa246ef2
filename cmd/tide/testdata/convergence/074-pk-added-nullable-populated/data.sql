INSERT INTO readings (sensor_id, taken_at, value) VALUES
    (1, '2024-06-01 00:00:00+00', 20.5),
    (1, '2024-06-01 00:05:00+00', 20.7),
    (2, '2024-06-01 00:00:00+00', 18.0);
INSERT INTO labels (code, title) VALUES ('red', 'Red'), ('blue', NULL);
