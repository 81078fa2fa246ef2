INSERT INTO profiles (id, name, bio, nickname, handle) VALUES
    (1, 'Ada Lovelace', 'First programmer', 'ada', 'ada'),
    (2, 'Grace Hopper', NULL, NULL, 'grace'),
    (3, 'Katherine Johnson', 'Orbital mechanics at NASA', 'kj', 'katherine.johnson');
