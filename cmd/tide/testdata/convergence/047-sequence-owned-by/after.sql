CREATE SEQUENCE line_no_seq;
CREATE TABLE lines (
    id integer PRIMARY KEY,
    n  integer DEFAULT nextval('line_no_seq')
);
ALTER SEQUENCE line_no_seq OWNED BY lines.n;
CREATE TABLE counters (
    name  text PRIMARY KEY,
    value bigint
);
CREATE SEQUENCE counter_seq;
