INSERT INTO settings (id, theme, retries, legacy_flag, updated_at, locale) VALUES
    (1, 'dark', 3, true, '2024-01-01 00:00', 'fr'),
    (2, NULL, 7, false, '2024-02-01 00:00', 'en'),
    (3, NULL, NULL, NULL, NULL, NULL);
