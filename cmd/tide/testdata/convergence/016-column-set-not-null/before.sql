CREATE TABLE tasks (
    id       integer PRIMARY KEY,
    title    text,
    priority integer,
    owner    varchar(40),
    note     text
);
