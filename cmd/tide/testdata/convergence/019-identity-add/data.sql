INSERT INTO tickets (id, subject) VALUES (1, 'Printer on fire'), (2, 'VPN down'), (5, 'New laptop');
INSERT INTO labels (id, name) VALUES (10, 'bug'), (20, 'feature');
