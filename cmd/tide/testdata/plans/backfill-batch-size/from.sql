CREATE TABLE events (
    id         bigint PRIMARY KEY,
    kind       text NOT NULL,
    created_at timestamp with time zone NOT NULL
);
