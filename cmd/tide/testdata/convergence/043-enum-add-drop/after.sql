CREATE TYPE priority AS ENUM ('low', 'normal', 'high');
CREATE TABLE tickets (
    id       integer PRIMARY KEY,
    subject  text NOT NULL,
    priority priority NOT NULL DEFAULT 'normal'
);
