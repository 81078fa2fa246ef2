CREATE TABLE users (
    id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE
);
CREATE TABLE sessions (
    id      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE profiles (
    user_id integer PRIMARY KEY REFERENCES users (id),
    bio     text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
