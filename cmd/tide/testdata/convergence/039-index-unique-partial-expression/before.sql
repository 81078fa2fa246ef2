CREATE TABLE users (
    id         integer PRIMARY KEY,
    email      text NOT NULL,
    active     boolean NOT NULL DEFAULT true,
    last_login timestamp,
    deleted_at timestamp,
    prefs      jsonb,
    team       text
);
CREATE UNIQUE INDEX users_team_idx ON users (team, id);
