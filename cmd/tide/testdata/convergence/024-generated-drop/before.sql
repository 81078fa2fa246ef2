CREATE TABLE line_items (
    id         integer PRIMARY KEY,
    qty        integer NOT NULL,
    unit_price numeric(10,2) NOT NULL,
    total      numeric(12,2) GENERATED ALWAYS AS (qty * unit_price) STORED,
    doubled    integer GENERATED ALWAYS AS (qty * 2) STORED
);
