CREATE TYPE legacy_state AS ENUM ('new', 'old');
CREATE TYPE unused_kind AS ENUM ('a', 'b');
CREATE TABLE tickets (
    id      integer PRIMARY KEY,
    subject text NOT NULL,
    state   legacy_state
);
