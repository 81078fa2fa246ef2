CREATE TYPE ticket_state AS ENUM ('open', 'closed');
CREATE TABLE tickets (
    id      bigint PRIMARY KEY,
    state   ticket_state NOT NULL DEFAULT 'open',
    history ticket_state[]
);
CREATE INDEX tickets_state_idx ON tickets (state);
