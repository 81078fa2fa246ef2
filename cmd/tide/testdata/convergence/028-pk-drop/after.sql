CREATE TABLE devices (
    serial text NOT NULL,
    model  text NOT NULL
);
CREATE TABLE readings (
    id            bigint PRIMARY KEY,
    device_serial text NOT NULL,
    value         double precision
);
