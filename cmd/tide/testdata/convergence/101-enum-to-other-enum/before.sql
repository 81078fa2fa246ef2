CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TYPE feeling AS ENUM ('happy', 'sad', 'meh');
CREATE TABLE diary (
    id   integer PRIMARY KEY,
    m    mood NOT NULL
);
