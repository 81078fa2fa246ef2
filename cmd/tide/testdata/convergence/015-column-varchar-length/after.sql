CREATE TABLE profiles (
    id       integer PRIMARY KEY,
    name     varchar(60) NOT NULL,
    bio      varchar(50),
    nickname text,
    handle   varchar(40) NOT NULL
);
CREATE UNIQUE INDEX profiles_handle_idx ON profiles (handle);
