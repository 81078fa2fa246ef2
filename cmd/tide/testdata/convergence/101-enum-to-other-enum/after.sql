CREATE TYPE feeling AS ENUM ('happy', 'sad', 'meh');
CREATE TABLE diary (
    id   integer PRIMARY KEY,
    m    feeling NOT NULL
);
