CREATE TABLE users (
    id       integer PRIMARY KEY,
    org_id   integer NOT NULL,
    email    text NOT NULL,
    username text NOT NULL,
    handle   text NOT NULL,
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_org_handle_key UNIQUE (handle)
);
