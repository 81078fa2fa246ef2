CREATE TABLE tasks (
    id       integer PRIMARY KEY,
    title    text NOT NULL,
    due_date date,
    status   text DEFAULT 'open'
);
