CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'old comment';
CREATE SCHEMA reporting;
CREATE SCHEMA archive;
COMMENT ON SCHEMA archive IS 'Rows older than a year';

CREATE TABLE app.accounts (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE reporting.daily_totals (
    day   date PRIMARY KEY,
    total numeric(12,2)
);
