CREATE SCHEMA auth;
CREATE TABLE auth.users (
    id    bigint PRIMARY KEY,
    email text NOT NULL UNIQUE
);
CREATE TABLE posts (
    id        bigint PRIMARY KEY,
    author_id bigint NOT NULL,
    title     text NOT NULL,
    CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES auth.users (id) ON DELETE CASCADE
);
CREATE SCHEMA audit;
CREATE TABLE audit.logins (
    id      bigint PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES auth.users (id),
    at      timestamptz NOT NULL DEFAULT now()
);
