SELECT max(counter) = 2147483647 AND max(small) = 65535 AND count(*) = 2 FROM events;
