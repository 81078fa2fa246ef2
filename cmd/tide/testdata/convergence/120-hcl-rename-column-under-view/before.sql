CREATE TABLE employees (
    id   integer PRIMARY KEY,
    nm   text NOT NULL,
    dept text
);
CREATE INDEX employees_nm_idx ON employees (nm);
CREATE VIEW engineers AS SELECT id, nm FROM employees WHERE dept = 'eng' AND nm <> '';
