CREATE TABLE clients (
    id    integer PRIMARY KEY,
    email text NOT NULL,
    tier  integer NOT NULL DEFAULT 1
);
CREATE TABLE invoices (
    id        integer PRIMARY KEY,
    client_id integer NOT NULL,
    total     numeric(10,2) NOT NULL
);
