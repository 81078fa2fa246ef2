CREATE TABLE shipments (
    id         integer PRIMARY KEY,
    carrier    text NOT NULL,
    tracking   text,
    shipped_at timestamptz NOT NULL
);
CREATE INDEX shipments_carrier_idx ON shipments (carrier);
CREATE INDEX shipments_tracking_idx ON shipments (tracking);
