CREATE TABLE people (
    id      integer PRIMARY KEY,
    surname varchar(40) NOT NULL,
    age     smallint
);
CREATE INDEX people_surname_idx ON people (surname);
CREATE TABLE visits (
    id     integer PRIMARY KEY,
    person integer NOT NULL,
    at     date NOT NULL,
    CONSTRAINT visits_person_fk FOREIGN KEY (person) REFERENCES people (id)
);
