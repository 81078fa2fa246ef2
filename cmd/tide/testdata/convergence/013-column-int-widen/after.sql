CREATE TABLE events (
    id      bigint PRIMARY KEY,
    user_id bigint,
    hits    integer NOT NULL DEFAULT 0,
    ratio   double precision,
    amount  numeric(12,2)
);
CREATE TABLE event_tags (
    event_id bigint NOT NULL REFERENCES events (id),
    tag      text NOT NULL,
    PRIMARY KEY (event_id, tag)
);
