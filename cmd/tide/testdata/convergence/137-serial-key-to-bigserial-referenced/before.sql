CREATE TABLE users (
    id    serial PRIMARY KEY,
    email text NOT NULL UNIQUE
);
CREATE TABLE sessions (
    id      serial PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE profiles (
    user_id integer PRIMARY KEY REFERENCES users (id),
    bio     text
);
