INSERT INTO tickets (id, subject, state) VALUES (1, 'Printer on fire', 'new'), (2, 'VPN down', 'old'), (3, 'Coffee', NULL);
