CREATE TABLE events (
    id      integer PRIMARY KEY,
    user_id integer,
    hits    smallint NOT NULL DEFAULT 0,
    ratio   real,
    amount  numeric(8,2)
);
CREATE TABLE event_tags (
    event_id integer NOT NULL REFERENCES events (id),
    tag      text NOT NULL,
    PRIMARY KEY (event_id, tag)
);
