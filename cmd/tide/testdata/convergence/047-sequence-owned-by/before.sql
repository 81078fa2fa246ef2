CREATE SEQUENCE line_no_seq;
CREATE TABLE lines (
    id integer PRIMARY KEY,
    n  integer
);
CREATE TABLE counters (
    name  text PRIMARY KEY,
    value bigint
);
CREATE SEQUENCE counter_seq OWNED BY counters.value;
