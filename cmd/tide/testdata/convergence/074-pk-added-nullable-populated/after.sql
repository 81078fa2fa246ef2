CREATE TABLE readings (
    sensor_id integer,
    taken_at  timestamptz,
    value     double precision NOT NULL,
    PRIMARY KEY (sensor_id, taken_at)
);
CREATE TABLE labels (
    code  text PRIMARY KEY,
    title text
);
