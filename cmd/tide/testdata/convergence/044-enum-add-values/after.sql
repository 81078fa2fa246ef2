CREATE TYPE mood AS ENUM ('bad', 'ok', 'meh', 'good', 'great');
CREATE TABLE check_ins (
    id   integer PRIMARY KEY,
    who  text NOT NULL,
    mood mood NOT NULL DEFAULT 'ok'
);
