CREATE TABLE vehicles (
    id    integer PRIMARY KEY,
    plate text,
    make  text,
    seats integer
);
