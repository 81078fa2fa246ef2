INSERT INTO teams (id, name) VALUES (1, 'Red'), (2, 'Blue');
INSERT INTO players (id, team_id, name) VALUES (1, 1, 'Ann'), (2, 2, 'Bo'), (3, NULL, 'Cy');
