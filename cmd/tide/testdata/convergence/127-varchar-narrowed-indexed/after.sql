CREATE TABLE cities (
    id   integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    slug varchar(50),
    CONSTRAINT cities_slug_key UNIQUE (slug)
);
CREATE INDEX cities_name_idx ON cities (name);
