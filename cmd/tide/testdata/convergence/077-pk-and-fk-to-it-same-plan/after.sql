CREATE TABLE teams (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE players (
    id      integer PRIMARY KEY,
    team_id integer REFERENCES teams (id),
    name    text NOT NULL
);
