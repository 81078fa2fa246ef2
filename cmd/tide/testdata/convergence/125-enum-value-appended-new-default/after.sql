CREATE TYPE priority AS ENUM ('low', 'high', 'urgent');
CREATE TABLE tasks (
    id         integer PRIMARY KEY,
    title      text NOT NULL,
    priority   priority NOT NULL DEFAULT 'urgent',
    escalation priority NOT NULL DEFAULT 'urgent'
);
