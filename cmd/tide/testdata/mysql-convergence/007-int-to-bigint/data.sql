INSERT INTO events (counter, small) VALUES (2147483647, 65535), (1, 2);
