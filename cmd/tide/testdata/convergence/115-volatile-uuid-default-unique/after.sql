CREATE TABLE devices (
    id        integer PRIMARY KEY,
    name      text NOT NULL,
    public_id uuid NOT NULL DEFAULT gen_random_uuid(),
    CONSTRAINT devices_public_id_key UNIQUE (public_id)
);
