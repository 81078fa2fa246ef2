CREATE TABLE settings (
    id          integer PRIMARY KEY,
    theme       text DEFAULT 'light',
    retries     integer DEFAULT 5,
    legacy_flag boolean,
    updated_at  timestamp DEFAULT (now() AT TIME ZONE 'utc'),
    locale      text DEFAULT 'en-GB'
);
