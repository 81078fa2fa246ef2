CREATE TABLE slots (
    id       integer PRIMARY KEY,
    position integer NOT NULL,
    code     text NOT NULL,
    label    text,
    CONSTRAINT slots_position_key UNIQUE (position),
    CONSTRAINT slots_label_key UNIQUE (label) DEFERRABLE INITIALLY DEFERRED
);
