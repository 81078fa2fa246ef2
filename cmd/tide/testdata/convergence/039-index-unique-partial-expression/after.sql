CREATE TABLE users (
    id         integer PRIMARY KEY,
    email      text NOT NULL,
    active     boolean NOT NULL DEFAULT true,
    last_login timestamp,
    deleted_at timestamp,
    prefs      jsonb,
    team       text
);
CREATE INDEX users_team_idx ON users (team, id);
CREATE UNIQUE INDEX users_lower_email_key ON users (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX users_active_login_idx ON users (last_login) WHERE active;
CREATE INDEX users_theme_idx ON users ((prefs ->> 'theme'));
