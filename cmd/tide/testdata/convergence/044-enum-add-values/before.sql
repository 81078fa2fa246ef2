CREATE TYPE mood AS ENUM ('ok', 'good');
CREATE TABLE check_ins (
    id   integer PRIMARY KEY,
    who  text NOT NULL,
    mood mood NOT NULL DEFAULT 'ok'
);
