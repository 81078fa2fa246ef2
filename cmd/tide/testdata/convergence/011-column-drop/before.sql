CREATE TABLE contacts (
    id          integer PRIMARY KEY,
    name        text NOT NULL,
    fax         text,
    legacy_code varchar(8),
    phone       text
);
CREATE INDEX contacts_legacy_code_idx ON contacts (legacy_code);
