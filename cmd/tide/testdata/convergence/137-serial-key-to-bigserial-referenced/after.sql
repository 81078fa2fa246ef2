CREATE TABLE users (
    id    bigserial PRIMARY KEY,
    email text NOT NULL UNIQUE
);
CREATE TABLE sessions (
    id      serial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE profiles (
    user_id bigint PRIMARY KEY REFERENCES users (id),
    bio     text
);
