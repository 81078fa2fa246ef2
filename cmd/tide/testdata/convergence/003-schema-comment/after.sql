CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'Application tables';
CREATE SCHEMA reporting;
COMMENT ON SCHEMA reporting IS 'Read-only aggregates for dashboards';
CREATE SCHEMA archive;

CREATE TABLE app.accounts (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE reporting.daily_totals (
    day   date PRIMARY KEY,
    total numeric(12,2)
);
