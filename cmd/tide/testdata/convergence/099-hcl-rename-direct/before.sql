CREATE TABLE staff (
    id   integer PRIMARY KEY,
    nm   text NOT NULL
);
CREATE INDEX staff_nm_idx ON staff (nm);
