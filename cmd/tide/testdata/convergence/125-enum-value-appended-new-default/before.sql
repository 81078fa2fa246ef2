CREATE TYPE priority AS ENUM ('low', 'high');
CREATE TABLE tasks (
    id       integer PRIMARY KEY,
    title    text NOT NULL,
    priority priority NOT NULL DEFAULT 'low'
);
