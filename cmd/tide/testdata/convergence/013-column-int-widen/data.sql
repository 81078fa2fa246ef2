INSERT INTO events (id, user_id, hits, ratio, amount) VALUES
    (1, 10, 5, 0.5, 123456.78),
    (2, NULL, 0, NULL, NULL),
    (3, 2147483647, 32767, 0.25, 0.01);
INSERT INTO event_tags (event_id, tag) VALUES (1, 'web'), (1, 'mobile'), (3, 'api');
