CREATE TABLE devices (
    serial text PRIMARY KEY,
    model  text NOT NULL
);
CREATE TABLE readings (
    id            bigint PRIMARY KEY,
    device_serial text NOT NULL REFERENCES devices (serial),
    value         double precision
);
