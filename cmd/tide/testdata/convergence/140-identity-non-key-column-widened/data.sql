INSERT INTO tickets (code, title) SELECT 'T-' || g, 'ticket ' || g FROM generate_series(1, 2500) AS g;
DELETE FROM tickets WHERE code IN ('T-2499', 'T-2500');
