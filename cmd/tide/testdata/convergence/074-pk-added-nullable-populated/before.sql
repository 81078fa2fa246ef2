CREATE TABLE readings (
    sensor_id integer,
    taken_at  timestamptz,
    value     double precision NOT NULL
);
CREATE TABLE labels (
    code  text,
    title text
);
