CREATE SCHEMA auth;
CREATE TABLE auth.users (
    id    bigint PRIMARY KEY,
    email text NOT NULL UNIQUE
);
CREATE TABLE posts (
    id        bigint PRIMARY KEY,
    author_id bigint NOT NULL,
    title     text NOT NULL
);
