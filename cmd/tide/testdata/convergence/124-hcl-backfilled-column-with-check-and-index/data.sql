INSERT INTO mailboxes (id, email) SELECT g, 'box' || g || '@d' || (g % 17) || '.example' FROM generate_series(1, 1700) AS g;
