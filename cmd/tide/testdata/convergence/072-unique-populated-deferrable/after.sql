CREATE TABLE seats (
    id     integer PRIMARY KEY,
    code   text NOT NULL,
    hall   text,
    row_no integer,
    seat   integer,
    CONSTRAINT seats_code_key UNIQUE (code),
    CONSTRAINT seats_place_key UNIQUE (hall, row_no, seat) DEFERRABLE INITIALLY DEFERRED
);
