CREATE TABLE tasks (
    id       integer PRIMARY KEY,
    title    text NOT NULL,
    priority integer NOT NULL,
    owner    varchar(40) NOT NULL,
    note     text
);
