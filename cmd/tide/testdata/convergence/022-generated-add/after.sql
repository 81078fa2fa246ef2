CREATE TABLE line_items (
    id         integer PRIMARY KEY,
    qty        integer NOT NULL,
    unit_price numeric(10,2) NOT NULL,
    first_name text,
    last_name  text,
    total      numeric(12,2) GENERATED ALWAYS AS (qty * unit_price) STORED,
    label      text GENERATED ALWAYS AS (coalesce(first_name || ' ', '') || coalesce(last_name, '')) STORED
);
