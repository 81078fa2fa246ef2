CREATE TABLE teams (
    id   integer,
    name text NOT NULL
);
CREATE TABLE players (
    id      integer PRIMARY KEY,
    team_id integer,
    name    text NOT NULL
);
