CREATE TABLE vehicles (
    id    integer PRIMARY KEY,
    plate text NOT NULL,
    make  text NOT NULL,
    seats integer,
    CONSTRAINT vehicles_plate_key UNIQUE (plate),
    CONSTRAINT vehicles_plate_check CHECK (length(plate) BETWEEN 4 AND 10)
);
CREATE INDEX vehicles_make_idx ON vehicles (make);
