INSERT INTO tickets (subject) VALUES ('Printer on fire'), ('VPN down'), ('New laptop');
INSERT INTO audit (msg) VALUES ('created'), (NULL);
