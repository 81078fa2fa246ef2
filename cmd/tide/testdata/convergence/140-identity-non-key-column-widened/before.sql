CREATE TABLE tickets (
    code   text PRIMARY KEY,
    number integer GENERATED ALWAYS AS IDENTITY CHECK (number > 0),
    title  text NOT NULL
);
CREATE INDEX tickets_number_idx ON tickets (number DESC);
