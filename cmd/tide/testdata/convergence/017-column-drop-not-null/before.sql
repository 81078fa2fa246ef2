CREATE TABLE tasks (
    id       integer PRIMARY KEY,
    title    text NOT NULL,
    due_date date NOT NULL,
    status   text NOT NULL DEFAULT 'open'
);
