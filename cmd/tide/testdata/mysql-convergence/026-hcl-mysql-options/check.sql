SELECT count(*) = 2 AND sum(status = 'new') = 2 FROM events;
SELECT AUTO_INCREMENT = 500 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'counters';
