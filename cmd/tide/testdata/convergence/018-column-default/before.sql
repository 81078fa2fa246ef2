CREATE TABLE settings (
    id          integer PRIMARY KEY,
    theme       text,
    retries     integer DEFAULT 3,
    legacy_flag boolean DEFAULT false,
    updated_at  timestamp DEFAULT now(),
    locale      text DEFAULT 'en'
);
