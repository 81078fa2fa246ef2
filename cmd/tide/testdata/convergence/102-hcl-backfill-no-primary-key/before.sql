CREATE TABLE logs (
    line text NOT NULL,
    at   timestamptz
);
