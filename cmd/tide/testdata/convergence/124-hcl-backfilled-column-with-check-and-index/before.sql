CREATE TABLE mailboxes (
    id    bigint PRIMARY KEY,
    email text NOT NULL
);
