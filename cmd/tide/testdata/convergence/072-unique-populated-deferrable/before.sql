CREATE TABLE seats (
    id     integer PRIMARY KEY,
    code   text NOT NULL,
    hall   text,
    row_no integer,
    seat   integer
);
