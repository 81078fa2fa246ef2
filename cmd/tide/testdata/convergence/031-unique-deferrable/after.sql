CREATE TABLE slots (
    id       integer PRIMARY KEY,
    position integer NOT NULL,
    code     text NOT NULL,
    label    text,
    CONSTRAINT slots_position_key UNIQUE (position) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT slots_label_key UNIQUE (label),
    CONSTRAINT slots_code_key UNIQUE (code) DEFERRABLE
);
