CREATE TABLE sessions (
    id      integer PRIMARY KEY,
    who     text NOT NULL,
    token   uuid NOT NULL DEFAULT gen_random_uuid(),
    seen_at timestamptz DEFAULT clock_timestamp()
);
