INSERT INTO users VALUES (1, 'alpha'), (2, 'beta'), (3, 'gamma');
