INSERT INTO app.accounts (id, name) VALUES (1, 'Acme'), (2, 'Globex');
INSERT INTO reporting.daily_totals (day, total) VALUES
    ('2024-05-01', 120.50),
    ('2024-05-02', NULL);
