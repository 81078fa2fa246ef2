CREATE TABLE profiles (
    id       integer PRIMARY KEY,
    name     varchar(20) NOT NULL,
    bio      varchar(100),
    nickname varchar(30),
    handle   text NOT NULL
);
CREATE UNIQUE INDEX profiles_handle_idx ON profiles (handle);
